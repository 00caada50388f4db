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

    @Test(arguments: releases, ["off;netrc", "netrc;", "git relative/dir"])
    func aGoauthValueGoCannotUseIsUnset(release: GoRelease, value: String) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let certificate = try lab.makeCertificate(dnsNames: [])
        let proxy = try lab.startProxy(modules: [Self.hello], certificate: certificate)
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=https://127.0.0.1:\(proxy.port)", "GOSUMDB=off", "GOAUTH=\(value)"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let trust = ["SSL_CERT_FILE": certificate.caURL.path]
        let before = try lab.goModDownload([Self.hello.path], in: consumer, extraEnvironment: trust)
        #expect(before.stderr.contains("go: GOAUTH"), "\(before.stderr)")

        let fixed = try provesGoEnvFix(
            lab: lab, consumer: consumer, answers: ["module=\(Self.hello.path)"], cause: "goauth-misconfig",
            environment: trust
        ) { try lab.goModDownload([Self.hello.path], in: consumer, extraEnvironment: trust) }
        #expect(fixed.end?.step == "go-settings:resolved-goauth", "\(fixed.transcript)")
        #expect(fixed.end?.diagnosis?.cause == "goauth-misconfig")
        #expect(try lab.goEnv(["GOAUTH"]).stdout == "netrc\n", "the default is back")
    }
}
