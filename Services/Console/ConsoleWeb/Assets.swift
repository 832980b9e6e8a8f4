/// The console's stylesheet and script, served from the binary: the pages load nothing from
/// anywhere else, and the Content-Security-Policy says so.
enum Assets {
    static let stylesheetPath = "/assets/console.css"
    static let scriptPath = "/assets/console.js"

    static let stylesheet = """
        :root { --red: #c62828; --yellow: #f9a825; --green: #2e7d32; --line: #d0d7de; --ink: #1f2328; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", sans-serif; color: var(--ink); }
        header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .5rem 1rem; background: #0b3d91; color: #fff; }
        header.top a, header.top button { color: #fff; }
        header.top nav { display: flex; gap: 1rem; flex-wrap: wrap; }
        header.top .who { margin-left: auto; font-size: .9em; }
        header.top button { background: transparent; border: 1px solid #fff; border-radius: 4px; padding: .1rem .6rem; cursor: pointer; }
        .brand { font-weight: bold; }
        main { padding: 1rem; max-width: 1200px; margin: 0 auto; }
        h1 { font-size: 1.3rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; border-bottom: 1px solid var(--line); }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid var(--line); padding: .35rem .4rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; white-space: nowrap; }
        .light, .light-col { width: 1.1rem; }
        .scroll { overflow-x: auto; }
        .order-link { word-break: break-all; }
        .tag { font-size: .8rem; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 1rem; padding: 0 .5rem; white-space: nowrap; }
        .state { font-size: .9rem; background: #ddf4ff; border: 1px solid #54aeff; border-radius: 1rem; padding: .1rem .6rem; vertical-align: middle; }
        .light::before { content: ""; display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; background: #aaa; }
        .light-red::before { background: var(--red); }
        .light-yellow::before { background: var(--yellow); }
        .light-green::before { background: var(--green); }
        .overdue { color: var(--red); font-weight: bold; }
        .flash { padding: .6rem .8rem; border-radius: 4px; }
        .flash-ok { background: #e6f4ea; border: 1px solid var(--green); }
        .flash-error { background: #fdecea; border: 1px solid var(--red); }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
        form.filters label, form.stack label { display: flex; flex-direction: column; font-size: .9em; }
        form.stack { display: grid; gap: .6rem; max-width: 40rem; }
        form.inline { display: inline; }
        input, select, textarea, button { font: inherit; padding: .3rem .4rem; }
        textarea { min-height: 4rem; }
        .actions { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); }
        .actions { align-items: start; }
        .action-form { border: 1px solid var(--line); border-radius: 6px; padding: .8rem; min-width: 0; }
        select, input, textarea { max-width: 100%; }
        .action-form button[type=submit], .primary { background: #0b3d91; color: #fff; border: 0; border-radius: 4px; padding: .4rem 1rem; cursor: pointer; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.facts dt { color: #57606a; }
        .content { white-space: pre-wrap; background: #f6f8fa; padding: .6rem; border-radius: 4px; }
        #live-alert { background: #fff8c5; border: 1px solid var(--yellow); padding: .5rem; border-radius: 4px; }
        [hidden] { display: none !important; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .muted { color: #57606a; }
        nav.tabs, nav.periods { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin-bottom: .6rem; }
        nav.tabs a[aria-current] { font-weight: bold; text-decoration: none; color: var(--ink); }
        a.button { display: inline-block; background: #0b3d91; color: #fff; border-radius: 4px; padding: .4rem 1rem; text-decoration: none; }
        button.danger { background: var(--red); color: #fff; border: 0; border-radius: 4px; padding: .4rem 1rem; cursor: pointer; }
        fieldset.roles { display: flex; flex-wrap: wrap; gap: .3rem 1rem; border: 1px solid var(--line); border-radius: 4px; }
        form.stack label.check, label.check { flex-direction: row; align-items: center; gap: .3rem; }
        .one-time { border: 2px solid var(--yellow); background: #fff8c5; border-radius: 6px; padding: .8rem 1rem; }
        #one-time-password { font-size: 1.6rem; letter-spacing: .1em; user-select: all; word-break: break-all; }
        .downloads { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: end; margin-bottom: 1rem; }
        .downloads form.filters { margin: 0; }
        .report { padding: .8rem; border-radius: 6px; }
        ul.flash { padding-left: 2rem; }
        .crumbs { margin: 0 0 .3rem; font-size: .9em; }
        .pager { display: flex; gap: 1rem; margin-bottom: .6rem; }
        article.meeting { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin-bottom: 1rem; }
        article.meeting h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
        article.meeting h4 { margin: .8rem 0 .3rem; font-size: 1rem; }
        article.meeting[data-state=cancelled] { background: #f6f8fa; }
        .conflict { background: #fff8c5; border: 1px solid var(--yellow); border-left: 4px solid var(--red); padding: .4rem .6rem; border-radius: 4px; margin: .4rem 0; }
        .conflict ul { margin: .2rem 0 0; padding-left: 1.2rem; }
        .conflict-flag { color: var(--red); }
        .conflict-flag::before { content: "⚠ "; }
        .choices { display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
        fieldset { border: 1px solid var(--line); border-radius: 4px; min-width: 0; }
        fieldset.attendee { display: grid; gap: .3rem; }
        form.stack label.inline-choice, form.stack .choices label, .choices label { flex-direction: row; gap: .3rem; align-items: center; font-size: 1em; }
        details summary { cursor: pointer; color: #0b3d91; margin: .3rem 0; }
        details.more { margin: .6rem 0; }
        h4.form-title { margin: 0; font-size: 1rem; }
        details.more[open] > summary { margin-bottom: .6rem; }
        ul.plain { margin: 0; padding-left: 1rem; }
        ul.calendar-day { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
        .calendar-entry { border: 1px solid var(--line); border-left: 4px solid #0b3d91; border-radius: 4px; padding: .4rem .6rem; }
        .calendar-entry p { margin: .1rem 0; }
        .calendar-entry .when { font-weight: bold; }
        .calendar-entry.conflicted { border-left-color: var(--red); background: #fffbea; }
        .calendar-entry.cancelled { opacity: .6; }
        .calendar-entry.cancelled .when { text-decoration: line-through; }
        section.day.weekend h2 { color: #57606a; }
        @media (max-width: 640px) {
          .wide { display: none; }
          main { padding: .5rem; }
          header.top .who { margin-left: 0; }
        }
        """

    static let script = """
        "use strict";
        (function () {
          function left(ms) {
            var late = ms < 0, m = Math.floor(Math.abs(ms) / 60000);
            var d = Math.floor(m / 1440), h = Math.floor(m % 1440 / 60), text = "";
            if (d > 0) text += d + "天";
            if (d > 0 || h > 0) text += h + "小时";
            text += (m % 60) + "分";
            return late ? "超时 " + text : "剩 " + text;
          }
          function tick() {
            var now = Date.now();
            document.querySelectorAll("[data-due]").forEach(function (el) {
              var ms = Number(el.getAttribute("data-due")) - now;
              el.textContent = left(ms);
              el.classList.toggle("overdue", ms < 0);
            });
          }
          function beep() {
            var box = document.getElementById("sound");
            if (!box || !box.checked || !window.AudioContext) return;
            var ctx = new AudioContext(), osc = ctx.createOscillator();
            osc.frequency.value = 880; osc.connect(ctx.destination); osc.start(); osc.stop(ctx.currentTime + 0.3);
          }
          function live(table) {
            var source = new EventSource(table.getAttribute("data-live"));
            source.addEventListener("queue", function () {
              var url = location.pathname + (location.search ? location.search + "&" : "?") + "fragment=rows";
              fetch(url, { credentials: "same-origin" }).then(function (r) {
                if (r.status === 401) { location.href = "/login"; return null; }
                return r.ok ? r.text() : null;
              }).then(function (text) {
                if (text === null) return;
                var parts = new DOMParser().parseFromString(text, "text/html");
                ["queue-total", "queue-pager"].forEach(function (id) {
                  document.getElementById(id).innerHTML = parts.getElementById(id).innerHTML;
                });
                table.querySelector("tbody").innerHTML = parts.getElementById("queue-rows").innerHTML;
                document.getElementById("live-alert").hidden = false;
                tick(); beep();
              });
            });
            source.addEventListener("signed-out", function () { source.close(); location.href = "/login"; });
          }
          // A closure standard's evidence items, one line each, ready for their numbers.
          function evidence(select) {
            var box = select.form.querySelector("textarea[name=evidence]");
            select.addEventListener("change", function () {
              var option = select.selectedOptions[0], items = option ? option.getAttribute("data-evidence") : "";
              if (!box || (box.value && box.getAttribute("data-filled") !== box.value)) return;
              box.value = items ? items.split("\\n").map(function (name) { return name + "|"; }).join("\\n") : "";
              box.setAttribute("data-filled", box.value);
            });
          }
          document.addEventListener("DOMContentLoaded", function () {
            tick(); setInterval(tick, 1000);
            document.querySelectorAll("select[name=closure_standard]").forEach(evidence);
            var table = document.querySelector("table[data-live]");
            if (table) live(table);
          });
        })();
        """
}
