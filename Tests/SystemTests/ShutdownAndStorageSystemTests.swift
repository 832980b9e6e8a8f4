import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

/// The real intake process under SIGTERM with calls in flight, and on a data folder that is full or
/// read-only: callers hear a real answer or a clear, retryable `unavailable`, never silence.
@Suite("System: graceful shutdown and storage faults")
struct ShutdownAndStorageSystemTests {
    static func draft(_ number: String) -> Wire.OrderDraft {
        Wire.OrderDraft(
            platformOrderNumber: number, channel: "hotline_12345", urgency: "normal", kind: "complaint",
            topic: "pension",
            content: "退休人员养老金本月未按时发放，请核实。", address: "三门峡市湖滨区",
            caller: Wire.Caller(name: "王小明", phone: "13812345678", idNumber: ""),
            dispatchedAtUnixMs: Int64(Date().timeIntervalSince1970 * 1000)
        )
    }

    static func launchIntake(dataDirectory: String) async throws -> ServiceProcess {
        try await ServiceProcess.launch(
            "suban-intake",
            environment: [
                "SUBAN_INTAKE_PORT": "0", "SUBAN_DATA_DIR": dataDirectory,
                // Nothing listens on port 1: routing and clock commands wait, as when those services are down.
                "SUBAN_ROUTING_PORT": "1", "SUBAN_SLA_PORT": "1", "SUBAN_GATEWAY_PORT": "1",
            ]
        )
    }

    /// What one call ended with.
    enum Outcome: Sendable {
        case answered
        case failed(RPCError)
    }

    @Test func sigtermWithManyCallsInFlightAnswersEveryCallOrSaysUnavailable() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-sigterm-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let intake = try await Self.launchIntake(dataDirectory: dataDirectory)
        // Once intake is gone a call fails at the refused connection, instead of waiting out its deadline.
        let clients = (0..<4).map { _ in
            RPCClient(
                configuration: RPCClient.Configuration(
                    host: "127.0.0.1", port: intake.port, defaultTimeout: .seconds(10), waitsForConnection: false),
                logger: .quiet,
                credentials: TestIdentity.credentials(TestIdentity.platform)
            )
        }
        let loopsPerClient = 8
        let answered = ArrivalCounter(target: 100)

        // Every loop keeps one submission in flight until its first refusal; SIGTERM arrives
        // while all of them are busy.
        let (outcomes, status) = await withTaskGroup(of: [Outcome].self) { group in
            for (clientIndex, client) in clients.enumerated() {
                for loop in 0..<loopsPerClient {
                    group.addTask {
                        var outcomes: [Outcome] = []
                        for sequence in 0... {
                            let number = "SIGTERM-\(clientIndex)-\(loop)-\(sequence)"
                            do {
                                _ = try await client.call(
                                    "intake.submit", Wire.SubmitOrderRequest(draft: Self.draft(number)),
                                    as: Wire.SubmitOrderResponse.self)
                                outcomes.append(.answered)
                                answered.arrive()
                            } catch let error as RPCError {
                                outcomes.append(.failed(error))
                                return outcomes
                            } catch {
                                outcomes.append(.failed(RPCError(.unknown, "\(error)")))
                                return outcomes
                            }
                        }
                        return outcomes
                    }
                }
            }
            await answered.allArrived.wait()
            let status = await intake.stop()
            var all: [Outcome] = []
            for await outcomes in group { all += outcomes }
            return (all, status)
        }
        for client in clients { await client.shutdown() }

        #expect(status == 0, "intake did not exit cleanly on SIGTERM")
        let failures = outcomes.compactMap { outcome -> RPCError? in
            if case .failed(let error) = outcome { return error }
            return nil
        }
        #expect(outcomes.count > failures.count)
        #expect(failures.count == clients.count * loopsPerClient)
        for error in failures {
            #expect(error.code == .unavailable, "\(error)")
            // An answer that was lost on the way: the caller cannot know whether the order was stored.
            #expect(!error.message.contains("before the response arrived"), "\(error)")
            #expect(!error.message.contains("connection failed"), "\(error)")
        }
    }

    @Test(.enabled(if: TemporaryMount.isPermitted, "needs permission to mount a tmpfs"))
    func aReadOnlyDataFolderStopsTheServiceWithTheFileAndTheCause() async throws {
        try await TemporaryMount.withTmpfs(size: 1 << 20) { mount in
            try mount.remountReadOnly()
            let result = try await runCommand(
                "suban-intake", [], environment: ["SUBAN_INTAKE_PORT": "0", "SUBAN_DATA_DIR": mount.path])
            #expect(result.status == 1)
            #expect(result.standardError.contains("\(mount.path)/intake.sqlite"), "\(result.standardError)")
            #expect(result.standardError.contains("read-only"), "\(result.standardError)")
        }
    }

    @Test(.enabled(if: TemporaryMount.isPermitted, "needs permission to mount a tmpfs"))
    func aFullDiskIsAClearRetryableErrorAndWritesResumeWhenSpaceReturns() async throws {
        try await TemporaryMount.withTmpfs(size: 8 << 20) { mount in
            let intake = try await Self.launchIntake(dataDirectory: mount.path)
            let client = makeTestClient(
                port: intake.port, timeout: .seconds(10), credentials: TestIdentity.credentials(TestIdentity.platform))
            do {
                let filler = try mount.exhaustSpace()
                // The WAL may still have room for a few writes; the disk fills within a few hundred.
                var refusal: RPCError?
                var refusedNumber = ""
                for sequence in 0..<2000 {
                    let number = "FULL-\(sequence)"
                    do {
                        _ = try await client.call(
                            "intake.submit", Wire.SubmitOrderRequest(draft: Self.draft(number)),
                            as: Wire.SubmitOrderResponse.self)
                    } catch let error as RPCError {
                        refusal = error
                        refusedNumber = number
                        break
                    }
                }
                let error = try #require(refusal, "2000 orders fitted on a full disk")
                #expect(error.code == .unavailable, "\(error)")
                #expect(error.message.contains("\(mount.path)/intake.sqlite"), "\(error)")
                #expect(error.message.contains("full"), "\(error)")
                let traceID = try #require(
                    error.message.firstRange(of: "(trace id ").map { error.message[$0.upperBound...].dropLast() })
                #expect(!traceID.isEmpty, "\(error)")

                // The same process takes the same order once space is back.
                try FileManager.default.removeItem(atPath: filler)
                let retried = try await client.call(
                    "intake.submit", Wire.SubmitOrderRequest(draft: Self.draft(refusedNumber)),
                    as: Wire.SubmitOrderResponse.self)
                #expect(retried.created)
            } catch {
                await client.shutdown()
                await intake.stop()
                throw error
            }
            await client.shutdown()
            #expect(await intake.stop() == 0)
        }
    }
}
