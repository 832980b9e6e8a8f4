/// The fields and files of a `multipart/form-data` body (RFC 7578), the way a browser posts a form
/// with `<input type=file>`. The body arrives whole and bounded (the caller collects it up to a
/// limit); the reader bounds what it keeps beyond that: a few parts, short headers, and it refuses
/// rather than guesses at anything malformed.
struct MultipartForm: Sendable {
    struct File: Sendable, Equatable {
        var name: String
        var fileName: String
        var bytes: [UInt8]
    }

    struct Refusal: Error, Equatable {
        let message: String
    }

    /// A page's upload form has a handful of fields; more parts than this is not one of ours.
    static let maximumParts = 16
    /// The headers of one part (its Content-Disposition and Content-Type).
    static let maximumHeaderBytes = 1024

    private(set) var fields: [(name: String, value: String)] = []
    private(set) var files: [File] = []

    /// The first value of the text field `name`.
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The file posted as `name`; nil when none was chosen (browsers send an empty part then).
    func file(_ name: String) -> File? {
        files.first { $0.name == name && !($0.fileName.isEmpty && $0.bytes.isEmpty) }
    }

    /// The boundary of a `multipart/form-data` content type: 1 to 70 of RFC 2046's characters.
    static func boundary(contentType: String) throws(Refusal) -> String {
        let parameters = contentType.split(separator: ";").map { $0.trimmingSpaces }
        guard parameters.first?.lowercased() == "multipart/form-data" else {
            throw Refusal(message: "not multipart/form-data")
        }
        guard let parameter = parameters.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") }) else {
            throw Refusal(message: "no boundary")
        }
        var boundary = String(parameter.dropFirst("boundary=".count))
        if boundary.count >= 2, boundary.hasPrefix("\""), boundary.hasSuffix("\"") {
            boundary = String(boundary.dropFirst().dropLast())
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ".utf8)
        guard (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy(allowed.contains),
            !boundary.hasSuffix(" ")
        else {
            throw Refusal(message: "bad boundary")
        }
        return boundary
    }

    init(body: [UInt8], boundary: String) throws(Refusal) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var cursor = Self.find(delimiter, in: body, from: 0) else { throw Refusal(message: "no part") }
        cursor += delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: [45, 45]) { return }
            guard body[cursor...].starts(with: crlf) else { throw Refusal(message: "malformed delimiter") }
            cursor += 2
            guard fields.count + files.count < Self.maximumParts else { throw Refusal(message: "too many parts") }
            guard let headersEnd = Self.find([13, 10, 13, 10], in: body, from: cursor),
                headersEnd - cursor <= Self.maximumHeaderBytes
            else { throw Refusal(message: "part headers missing or too long") }
            let disposition = try Self.disposition(Array(body[cursor..<headersEnd]))
            let contentStart = headersEnd + 4
            guard let next = Self.find(crlf + delimiter, in: body, from: contentStart) else {
                throw Refusal(message: "unterminated part")
            }
            let content = Array(body[contentStart..<next])
            if let fileName = disposition.fileName {
                files.append(File(name: disposition.name, fileName: fileName, bytes: content))
            } else {
                guard let value = String(validating: content, as: UTF8.self) else {
                    throw Refusal(message: "a field is not UTF-8")
                }
                fields.append((disposition.name, value))
            }
            cursor = next + 2 + delimiter.count
        }
    }

    /// `name` and `filename` of a part's `Content-Disposition: form-data` header.
    private static func disposition(_ headerBytes: [UInt8]) throws(Refusal) -> (name: String, fileName: String?) {
        guard let text = String(validating: headerBytes, as: UTF8.self) else {
            throw Refusal(message: "headers are not UTF-8")
        }
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        guard let line = lines.first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else {
            throw Refusal(message: "a part without Content-Disposition")
        }
        let parameters = try Self.parameters(line.dropFirst("content-disposition:".count))
        guard parameters.first?.key.lowercased() == "form-data",
            let name = parameters.first(where: { $0.key == "name" })?.value, !name.isEmpty
        else { throw Refusal(message: "a part without form-data name") }
        return (name, parameters.first { $0.key == "filename" }?.value)
    }

    /// `form-data; name="a"; filename="b.csv"` as key/value pairs; quoted values may escape `"` and `\`.
    private static func parameters(_ text: Substring) throws(Refusal) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var rest = text[...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == ";" }
            if rest.isEmpty { break }
            let key = rest.prefix { $0 != "=" && $0 != ";" }
            rest = rest.dropFirst(key.count)
            guard rest.first == "=" else {
                result.append((key.trimmingSpaces, ""))
                continue
            }
            rest = rest.dropFirst()
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\\", let escaped = rest.first {
                        value.append(escaped)
                        rest = rest.dropFirst()
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { throw Refusal(message: "unterminated quoted parameter") }
            } else {
                value = String(rest.prefix { $0 != ";" }).trimmingSpaces
                rest = rest.dropFirst(value.count)
                rest = rest.drop { $0 != ";" }
            }
            result.append((key.trimmingSpaces, value))
        }
        return result
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
