import HTTPTypes
import Hummingbird
import NIOCore

/// The responses pages give, with the headers every one of them carries.
enum WebResponse {
    static let sessionCookie = "suban_session"

    /// No script or style but the console's own, no frames, no form posted elsewhere.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(
            status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    /// A 303 to `location`, setting or clearing the session cookie when given one.
    static func redirect(_ location: String, cookie: Cookie? = nil) -> Response {
        var fields = HTTPFields()
        fields[.location] = location
        var response = Response(status: .seeOther, headers: fields)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    static func asset(_ text: String, contentType: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func session(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: sessionCookie, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clearedSession(secure: Bool) -> Cookie {
        Cookie(name: sessionCookie, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// Adds the security headers to every response, pages and errors alike.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = WebResponse.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPField.Name.xFrameOptions { response.headers[name] = "DENY" }
        if let name = HTTPField.Name.referrerPolicy { response.headers[name] = "no-referrer" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPField.Name {
    // Valid names, so never nil; `HTTPField.Name` offers only a failable initialiser.
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")
}
