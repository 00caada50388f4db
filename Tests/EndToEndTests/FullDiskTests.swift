import Foundation
import TestSupport
import Testing

/// A change on a full disk: the GOENV file lives on a small tmpfs (`LabSmallDisk`) filled to the
/// last page, so writing the new settings fails with the kernel's ENOSPC. The file must stay as it
/// was, byte for byte, gotriage must say why nothing changed, and the same fix must work once
/// there is room again.
@Suite struct FullDiskTests {
    /// 4 000 bytes: one tmpfs page, so the new settings (over 4 096 bytes) need a second one.
    static func goEnvLines() -> [String] {
        let comment = "# " + String(repeating: "x", count: 77)
        return Array(repeating: comment, count: 48) + ["GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local"]
    }

    static let privateValue = (1...20).map { "corp\($0).example.com" }.joined(separator: ",")

    @Test(arguments: GoRelease.all)
    func aFullDiskLeavesTheGoenvFileAsItWas(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let disk = try LabSmallDisk.mount(in: lab, kibibytes: 64)
        defer { disk.unmount(lab) }
        let goenv = disk.url.appendingPathComponent("goenv")
        var original = Self.goEnvLines().map { $0 + "\n" }.joined()
        original += String(repeating: "#", count: 3_999 - original.utf8.count) + "\n"
        let before = Data(original.utf8)
        try before.write(to: goenv)
        #expect(before.count == 4_000)
        try disk.fill()
        let playbooks = try ChangePlaybooks.write(lab, id: "set-private", key: "GOPRIVATE", value: Self.privateValue)
        let environment = ["GOENV": goenv.path]

        let full = try lab.gotriage(ChangePlaybooks.run("set-private", playbooks), extraEnvironment: environment)
        #expect(full.exitCode != 0, "\(full.stdout)\(full.stderr)")
        #expect(full.stdout.contains("GOPRIVATE was not changed"), "\(full.stdout)")
        #expect(full.stdout.lowercased().contains("no space left on device"), "\(full.stdout)")
        #expect(try Data(contentsOf: goenv) == before, "the GOENV file must be byte-identical, not cut short")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: disk.url.path).sorted()
                == ["filler", "goenv", "goenv.gotriage-lock"], "no half-written copy is left")
        let undo = try lab.gotriage(["undo", "--all"], extraEnvironment: environment)
        #expect(undo.stdout.contains("Nothing to undo"), "\(undo.stdout)")
        #expect(try Data(contentsOf: goenv) == before)

        disk.empty()
        let roomy = try lab.gotriage(ChangePlaybooks.run("set-private", playbooks), extraEnvironment: environment)
        #expect(roomy.exitCode == 0, "\(roomy.stdout)\(roomy.stderr)")
        #expect(ChangePlaybooks.fileValue("GOPRIVATE", in: try Data(contentsOf: goenv)) == Self.privateValue)
        let restored = try lab.gotriage(["undo"], extraEnvironment: environment)
        #expect(restored.exitCode == 0, "\(restored.stdout)\(restored.stderr)")
        #expect(try Data(contentsOf: goenv) == before)
    }
}
