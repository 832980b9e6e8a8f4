// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "suban",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "suban-gateway", targets: ["Gateway"]),
        .executable(name: "suban-intake", targets: ["Intake"]),
        .executable(name: "suban-routing", targets: ["Routing"]),
        .executable(name: "suban-sla", targets: ["SLA"]),
        .executable(name: "suban-coordination", targets: ["Coordination"]),
        .executable(name: "suban-console", targets: ["Console"]),
        .executable(name: "subanctl", targets: ["SubanCTL"]),
        .executable(name: "suban-rpc-benchmark", targets: ["RPCBenchmark"]),
        .executable(name: "suban-sla-benchmark", targets: ["SLABenchmark"]),
        .executable(name: "suban-assessment-benchmark", targets: ["AssessmentBenchmark"]),
        .executable(name: "suban-platform-simulator", targets: ["PlatformSimulator"]),
        .executable(name: "suban-e2e-benchmark", targets: ["EndToEndBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // OTLP over HTTP only: the gRPC exporter would pull in grpc-swift.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
    ],
    targets: [
        // MARK: Shared libraries

        .target(name: "Domain", path: "Shared/Domain", exclude: ["Calendar/Data", "WorkOrder/Data"]),
        .target(name: "Assessment", dependencies: ["Domain"], path: "Shared/Assessment"),
        .target(name: "Spreadsheet", path: "Shared/Spreadsheet"),
        .target(name: "Charts", path: "Shared/Charts"),
        .target(
            name: "Identity", dependencies: ["Domain", .product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/Identity"),
        .target(
            name: "PersonalData",
            dependencies: ["Domain", "Identity", .product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/PersonalData"
        ),
        .target(
            name: "ReportRendering",
            dependencies: ["Assessment", "Domain", "Spreadsheet", "Charts"],
            path: "Shared/ReportRendering"
        ),
        .systemLibrary(
            name: "CProtobufC",
            path: "Shared/CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        .target(
            name: "Traces",
            dependencies: [
                tracing, instrumentation, .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ],
            path: "Shared/Traces"
        ),
        .target(name: "WireMessagesC", dependencies: ["CProtobufC"], path: "Shared/WireMessagesC"),
        .target(name: "WireProtocol", dependencies: ["WireMessagesC", "CProtobufC"], path: "Shared/WireProtocol"),
        .target(
            name: "RPC",
            dependencies: [
                "WireProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "Traces", tracing, instrumentation, metrics,
            ],
            path: "Shared/RPC"
        ),
        .target(
            name: "ServiceDirectory",
            dependencies: ["RPC", .product(name: "Logging", package: "swift-log")],
            path: "Shared/ServiceDirectory"
        ),
        .target(
            name: "Persistence",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "Traces", tracing, instrumentation, metrics],
            path: "Shared/Persistence"
        ),
        .target(
            name: "Outbox",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "Traces", tracing, instrumentation, metrics,
            ],
            path: "Shared/Outbox"
        ),
        .target(
            name: "ServiceMetrics",
            dependencies: [
                metrics,
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Metrics"
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "RPC", "WireProtocol", "Persistence", "Outbox", "Identity", "Domain", "PersonalData",
                "ServiceDirectory",
                "ServiceMetrics", metrics, .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OTel", package: "swift-otel"),
                "Traces", tracing, instrumentation,
            ],
            path: "Shared/ServiceKit"
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "RPC", "ServiceKit", "ServiceDirectory", "WireProtocol", "Outbox", "Identity", "Domain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                tracing,
            ],
            path: "Shared/TestSupport"
        ),

        // MARK: Services (core library + thin @main)

        .target(
            name: "PlatformAdapter",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                "Domain", "Traces", tracing, instrumentation,
            ],
            path: "Shared/PlatformAdapter"
        ),
        .target(
            name: "GatewayCore",
            dependencies: serviceCoreDependencies + [
                "PlatformAdapter", "PersonalData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Services/Gateway/GatewayCore"
        ),
        .executableTarget(
            name: "Gateway", dependencies: serviceMainDependencies("GatewayCore"), path: "Services/Gateway/Gateway"),
        .target(
            name: "IntakeCore", dependencies: serviceCoreDependencies + ["Assessment", "PersonalData"],
            path: "Services/Intake/IntakeCore"),
        .executableTarget(
            name: "Intake", dependencies: serviceMainDependencies("IntakeCore"), path: "Services/Intake/Intake"),
        .target(name: "RoutingCore", dependencies: serviceCoreDependencies, path: "Services/Routing/RoutingCore"),
        .executableTarget(
            name: "Routing", dependencies: serviceMainDependencies("RoutingCore"), path: "Services/Routing/Routing"),
        .target(
            name: "SLACore",
            dependencies: serviceCoreDependencies + [.product(name: "HeapModule", package: "swift-collections")],
            path: "Services/SLA/SLACore"
        ),
        .executableTarget(name: "SLA", dependencies: serviceMainDependencies("SLACore"), path: "Services/SLA/SLA"),
        .target(
            name: "CoordinationCore", dependencies: serviceCoreDependencies,
            path: "Services/Coordination/CoordinationCore"),
        .executableTarget(
            name: "Coordination",
            dependencies: serviceMainDependencies("CoordinationCore"),
            path: "Services/Coordination/Coordination"
        ),
        .target(
            name: "ConsoleWeb",
            dependencies: [
                "Domain", "RPC", "WireProtocol", "ServiceKit", "ServiceDirectory", "Charts", "Assessment",
                "ReportRendering",
                "Traces", instrumentation,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Console/ConsoleWeb"
        ),
        .target(
            name: "ConsoleCore",
            dependencies: serviceCoreDependencies + [
                "ConsoleWeb",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Services/Console/ConsoleCore"
        ),
        .executableTarget(
            name: "Console", dependencies: serviceMainDependencies("ConsoleCore"), path: "Services/Console/Console"),

        // MARK: CLI and benchmarks

        .target(
            name: "SubanCTLCore",
            dependencies: [
                "Domain", "RPC", "WireProtocol", "ServiceDirectory", "Assessment", "ReportRendering", "Identity",
                "Charts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Services/SubanCTL/SubanCTLCore"
        ),
        .executableTarget(
            name: "SubanCTL",
            dependencies: ["SubanCTLCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/SubanCTL/SubanCTL"
        ),
        .target(
            name: "PlatformSimulatorCore",
            dependencies: [
                "PlatformAdapter", "Domain", "RPC",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/PlatformSimulator/PlatformSimulatorCore"
        ),
        .executableTarget(
            name: "PlatformSimulator",
            dependencies: [
                "PlatformSimulatorCore", "PlatformAdapter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Services/PlatformSimulator/PlatformSimulator"
        ),
        .executableTarget(
            name: "RPCBenchmark",
            dependencies: [
                "RPC", "WireProtocol", "NIOEchoBaseline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Services/Benchmarks/RPCBenchmark"
        ),
        .target(
            name: "NIOEchoBaseline",
            dependencies: [
                "RPC", "WireProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Services/Benchmarks/NIOEchoBaseline"
        ),
        .executableTarget(
            name: "SLABenchmark",
            dependencies: [
                "SLACore", "Domain", "Persistence", "Outbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Benchmarks/SLABenchmark"
        ),
        .executableTarget(
            name: "AssessmentBenchmark",
            dependencies: [
                "IntakeCore", "Assessment", "Domain", "Persistence", "PersonalData", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Benchmarks/AssessmentBenchmark"
        ),
        .executableTarget(
            name: "EndToEndBenchmark",
            dependencies: [
                "GatewayCore", "IntakeCore", "SLACore", "Domain", "Persistence", "PersonalData", "PlatformAdapter",
                "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Benchmarks/EndToEndBenchmark"
        ),

        // MARK: Tests

        .testTarget(name: "DomainTests", dependencies: ["Domain", propertyBased], path: "Tests/DomainTests"),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "Domain"], path: "Tests/AssessmentTests"),
        .testTarget(
            name: "SpreadsheetTests", dependencies: ["Spreadsheet", "TestSupport"], path: "Tests/SpreadsheetTests"),
        .testTarget(
            name: "IdentityTests",
            dependencies: ["Identity", "Domain", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/IdentityTests"
        ),
        .testTarget(
            name: "PersonalDataTests",
            dependencies: [
                "PersonalData", "Identity", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/PersonalDataTests"
        ),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport"], path: "Tests/ChartsTests"),
        .testTarget(
            name: "ReportRenderingTests",
            dependencies: ["ReportRendering", "Assessment", "Domain", "Spreadsheet"],
            path: "Tests/ReportRenderingTests"
        ),
        .testTarget(
            name: "WireProtocolTests",
            dependencies: ["WireProtocol", propertyBased],
            path: "Tests/WireProtocolTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RPCTests",
            dependencies: [
                "RPC", "WireProtocol", "TestSupport", "Traces", tracing, instrumentation, inMemoryTracing,
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                metrics, metricsTestKit,
            ],
            path: "Tests/RPCTests"
        ),
        .testTarget(
            name: "PersistenceTests",
            dependencies: ["Persistence", .product(name: "GRDB", package: "GRDB.swift"), metrics, metricsTestKit],
            path: "Tests/PersistenceTests"
        ),
        .testTarget(
            name: "OutboxTests",
            dependencies: [
                "Outbox", "Persistence", "TestSupport", "Traces", tracing, instrumentation, inMemoryTracing, metrics,
                metricsTestKit,
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/OutboxTests"
        ),
        .testTarget(
            name: "SLATests",
            dependencies: [
                "SLACore", "TestSupport", "ServiceDirectory", "RPC", "WireProtocol", "Domain", "Persistence", "Outbox",
                "ServiceKit", "Identity",
                .product(name: "GRDB", package: "GRDB.swift"),
                metrics, metricsTestKit,
            ],
            path: "Tests/SLATests"
        ),
        .testTarget(
            name: "IntakeTests",
            dependencies: [
                "IntakeCore", "TestSupport", "ServiceDirectory", "RPC", "WireProtocol", "Domain", "Persistence",
                "Assessment", "Outbox", "ServiceKit",
                "Identity", "PersonalData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                metrics, metricsTestKit,
            ],
            path: "Tests/IntakeTests"
        ),
        .testTarget(
            name: "CoordinationTests",
            dependencies: [
                "CoordinationCore", "TestSupport", "ServiceDirectory", "RPC", "WireProtocol", "Domain", "Persistence",
                "ServiceKit", "Outbox", "Identity",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/CoordinationTests"
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: [
                "RoutingCore", "TestSupport", "ServiceDirectory", "RPC", "WireProtocol", "Domain", "Persistence",
                "ServiceKit", "Identity",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/RoutingTests"
        ),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "ServiceKit", "ServiceDirectory", "ServiceMetrics", "Identity", "Domain", "RPC", "WireProtocol",
                "TestSupport",
                "Traces", instrumentation,
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/ServiceKitTests"
        ),
        .testTarget(
            name: "ServiceMetricsTests",
            dependencies: [
                "ServiceMetrics",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/ServiceMetricsTests"
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "GatewayCore", "PlatformAdapter", "PlatformSimulatorCore", "TestSupport", "ServiceDirectory", "RPC",
                "WireProtocol",
                "ServiceKit", "Persistence", "Outbox", "Identity", "Domain", "PersonalData", "Traces", tracing,
                inMemoryTracing,
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/GatewayTests"
        ),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "ConsoleCore", "TestSupport", "ServiceDirectory", "RPC", "WireProtocol", "Domain", "Persistence",
                "ServiceKit", "Identity",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/ConsoleTests"
        ),
        .testTarget(
            name: "ConsoleWebTests", dependencies: ["Assessment", "ConsoleWeb", "Domain", "RPC", "WireProtocol"],
            path: "Tests/ConsoleWebTests"),
        .testTarget(
            name: "SystemTests",
            dependencies: [
                "TestSupport", "RPC", "WireProtocol", "PlatformAdapter",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/SystemTests"
        ),
    ]
)

var serviceCoreDependencies: [Target.Dependency] {
    [
        "Domain", "WireProtocol", "RPC", "Persistence", "ServiceKit", "ServiceDirectory", "Outbox", "Identity",
        "Traces",
        tracing, instrumentation,
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "GRDB", package: "GRDB.swift"),
        metrics,
    ]
}

func serviceMainDependencies(_ core: String) -> [Target.Dependency] {
    [
        .byName(name: core), "ServiceKit", "ServiceDirectory",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    ]
}

var metrics: Target.Dependency { .product(name: "Metrics", package: "swift-metrics") }
var metricsTestKit: Target.Dependency { .product(name: "MetricsTestKit", package: "swift-metrics") }
var propertyBased: Target.Dependency { .product(name: "PropertyBased", package: "swift-property-based") }
var tracing: Target.Dependency { .product(name: "Tracing", package: "swift-distributed-tracing") }
var instrumentation: Target.Dependency { .product(name: "Instrumentation", package: "swift-distributed-tracing") }
var inMemoryTracing: Target.Dependency { .product(name: "InMemoryTracing", package: "swift-distributed-tracing") }

// One settings loop for every target: Swift 6 mode plus the upcoming features the house uses.
// CI sets SUBAN_WARNINGS_AS_ERRORS=1 so that a warning fails the build.
let warningsAsErrors = Context.environment["SUBAN_WARNINGS_AS_ERRORS"] == "1"
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ])
    if warningsAsErrors {
        settings.append(.treatAllWarnings(as: .error))
    }
    target.swiftSettings = settings
}
