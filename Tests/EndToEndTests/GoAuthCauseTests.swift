import Foundation
import TestSupport
import Testing
import TriageCLI

/// goauth-misconfig (go 1.24+): GOAUTH holds a value go cannot use — `off` beside another method,
/// a stray `;` (an empty command), `git` with a folder that is not absolute. go reads GOAUTH at its
/// first HTTPS request and stops there, before any server is asked for anything, so the module
/// proxy here needs no login: any HTTPS proxy shows it. `go env -u GOAUTH` (back to the default,
/// netrc) makes the download work. Releases before 1.24 do not know GOAUTH and are not run.
@Suite struct GoAuthCauseTests {
    static let hello = LabModule.hello
    static let releases = GoRelease.all.filter { $0.isAtLeast(24) }
    static let unusableValues = ["off;netrc", "netrc;", "git relative/dir"]

    /// A lab whose module proxy speaks HTTPS (its CA trusted through `SSL_CERT_FILE`), with
    /// `goauth` saved as GOAUTH in the GOENV file.
    struct Setup {
        let lab: Lab
        let proxy: LabServer
        let consumer: URL
        /// The environment go and gotriage run with: the lab CA trusted.
        let trust: [String: String]

        init(release: GoRelease, goauth: String) throws {
            lab = try Lab.make(release: release)
            let certificate = try lab.makeCertificate(dnsNames: [])
            proxy = try lab.startProxy(modules: [GoAuthCauseTests.hello], certificate: certificate)
            try lab.writeGoEnvFile(["GOPROXY=https://127.0.0.1:\(proxy.port)", "GOSUMDB=off", "GOAUTH=\(goauth)"])
            consumer = try lab.makeConsumer(requiring: [GoAuthCauseTests.hello])
            trust = ["SSL_CERT_FILE": certificate.caURL.path]
        }

        func download() throws -> (exitCode: Int32, stdout: String, stderr: String) {
            try lab.goModDownload([GoAuthCauseTests.hello.path], in: consumer, extraEnvironment: trust)
        }

        func remove() {
            proxy.stop()
            lab.remove()
        }
    }

    @Test(arguments: releases, unusableValues)
    func aGoauthValueGoCannotUseIsUnset(release: GoRelease, value: String) throws {
        let setup = try Setup(release: release, goauth: value)
        defer { setup.remove() }
        let fixed = try provesGoEnvFix(
            lab: setup.lab, consumer: setup.consumer, answers: ["module=\(Self.hello.path)"],
            cause: "goauth-misconfig", environment: setup.trust, check: setup.download)
        #expect(fixed.end?.step == "go-settings:resolved-goauth", "\(fixed.transcript)")
        #expect(fixed.end?.diagnosis?.cause == "goauth-misconfig")
        #expect(try setup.lab.goEnv(["GOAUTH"]).stdout == "netrc\n", "the default is back")
    }
}
