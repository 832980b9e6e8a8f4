extension HTMLPage {
    /// The page's whole design: calm greys, white cards, one accent colour, tabular figures.
    /// Print drops the backdrop and shadows, keeps the tints (`print-color-adjust`) and avoids
    /// breaking a card across pages.
    static let stylesheet = """
        :root {
          --ink: #1F2933; --muted: #5F6B7A; --line: #E4E7EB; --backdrop: #F4F6F8; --card: #FFFFFF;
          --accent: #0072B2; --good: #007A58; --good-tint: #E3F4EE; --bad: #B0440A; --bad-tint: #FCE6DA;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--backdrop); color: var(--ink);
          font-family: \(SVGBuilder.fontFamily);
          font-size: 15px; line-height: 1.7;
        }
        .page { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
        .page-header { margin-bottom: 24px; padding-bottom: 16px; border-bottom: 1px solid var(--line); }
        h1 { margin: 0; font-size: 28px; line-height: 1.3; font-weight: 700; letter-spacing: 0.02em; }
        .subtitle { margin: 6px 0 0; color: var(--muted); font-size: 15px; }
        h2 {
          margin: 36px 0 14px; padding-left: 12px; border-left: 4px solid var(--accent);
          font-size: 20px; line-height: 1.4; font-weight: 650;
        }
        p { margin: 0 0 14px; max-width: 46em; }
        .note {
          max-width: none; margin: 10px 0 18px; padding: 8px 12px; border-left: 3px solid var(--line);
          color: var(--muted); font-size: 13px; background: rgba(255, 255, 255, 0.6);
        }
        .card {
          background: var(--card); border: 1px solid var(--line); border-radius: 10px;
          box-shadow: 0 1px 2px rgba(31, 41, 51, 0.05); margin: 0 0 18px;
        }
        .figures {
          display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 14px; margin: 0 0 18px;
        }
        .figure {
          background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--line);
          border-radius: 10px; padding: 14px 18px 16px; box-shadow: 0 1px 2px rgba(31, 41, 51, 0.05);
        }
        .figure dt { color: var(--muted); font-size: 14px; }
        .figure dd { margin: 0; }
        .figure-value {
          font-size: 32px; line-height: 1.25; font-weight: 700; font-variant-numeric: tabular-nums;
          margin-top: 4px !important; overflow-wrap: anywhere;
        }
        .figure-note { color: var(--muted); font-size: 13px; margin-top: 4px !important; }
        .figure.tone-good { border-top-color: var(--good); }
        .figure.tone-good .figure-value { color: var(--good); }
        .figure.tone-bad { border-top-color: var(--bad); }
        .figure.tone-bad .figure-value { color: var(--bad); }
        .figure.tone-neutral { border-top-color: var(--accent); }
        .chart { padding: 16px 20px 18px; }
        .chart figcaption { font-size: 16px; font-weight: 650; margin-bottom: 10px; }
        .chart svg { display: block; width: 100%; height: auto; max-width: 100%; font-family: inherit; }
        .table-card { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; font-weight: 650; font-size: 16px; padding: 14px 16px 6px; }
        th, td { padding: 8px 14px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { background: var(--backdrop); color: var(--muted); font-weight: 600; white-space: nowrap; }
        tbody th { font-weight: 500; }
        tbody tr:last-child > * { border-bottom: none; }
        .num { text-align: right; white-space: nowrap; }
        td.tone-bad, th.tone-bad { background: var(--bad-tint); color: var(--bad); font-weight: 650; }
        td.tone-good, th.tone-good { background: var(--good-tint); color: var(--good); font-weight: 650; }
        .sr-only {
          position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
          clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
        }
        @media (max-width: 640px) {
          .page { padding: 20px 14px 32px; }
          h1 { font-size: 23px; }
          .figure-value { font-size: 26px; }
          .chart { padding: 12px; }
        }
        @media print {
          @page { size: A4; margin: 14mm 12mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { background: #FFFFFF; font-size: 10.5pt; }
          .page { max-width: none; padding: 0; }
          .card, .figure { box-shadow: none; break-inside: avoid; page-break-inside: avoid; }
          .figures { grid-template-columns: repeat(4, 1fr); }
          h2 { break-after: avoid; page-break-after: avoid; }
          .table-card { overflow: visible; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; page-break-inside: avoid; }
        }
        """
}
