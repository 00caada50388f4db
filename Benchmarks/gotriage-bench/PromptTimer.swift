import Foundation

/// Measures how long gotriage takes from being started to showing its first prompt.
enum PromptTimer {
    static let prompt = Data("gotriage> ".utf8)

    /// Starts the shell with a pipe for stdin (so it uses the plain reader) with exactly
    /// `environment`, in `directory`, waits until the prompt appears on stdout, then closes stdin
    /// so it exits. Returns milliseconds from launch to prompt.
    static func millisecondsToFirstPrompt(binary: String, environment: [String: String], directory: String) -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        do { try process.run() } catch { fatalError("cannot start \(binary): \(error)") }
        var seen = Data()
        while seen.range(of: prompt) == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { fatalError("gotriage exited before its prompt; output: \(String(decoding: seen, as: UTF8.self))") }
            seen.append(chunk)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return elapsed
    }
}
