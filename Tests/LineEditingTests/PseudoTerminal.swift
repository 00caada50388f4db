import Foundation
import Synchronization
import Testing

/// A pseudo-terminal pair for driving a terminal reader in-process.
///
/// The reader under test uses ``slave``; the test types on the master side with ``type(_:)``.
/// A background thread drains the master side continuously (so the terminal never blocks on a full
/// buffer) and keeps everything the reader drew, which ``waitForOutput(_:occurrences:)`` searches.
final class PseudoTerminal: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let master: Int32
    let slave: Int32
    private let output = Mutex<[UInt8]>([])
    private let stopped = Atomic<Bool>(false)
    private let drainerDone = Atomic<Bool>(false)
    private let masterClosed = Atomic<Bool>(false)
    private let hungUp = Atomic<Bool>(false)

    init() throws {
        // posix_openpt & co. are hidden from Swift's Glibc module (they need _XOPEN_SOURCE): look them up.
        typealias DescriptorCall = @convention(c) (Int32) -> Int32
        typealias NameCall = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
        guard let openpt = Self.libc("posix_openpt", as: DescriptorCall.self),
            let grantpt = Self.libc("grantpt", as: DescriptorCall.self),
            let unlockpt = Self.libc("unlockpt", as: DescriptorCall.self),
            let ptsname = Self.libc("ptsname_r", as: NameCall.self)
        else { throw Failure(description: "libc has no posix_openpt/grantpt/unlockpt/ptsname_r") }
        master = openpt(O_RDWR | O_NOCTTY)
        var name = [CChar](repeating: 0, count: 256)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, ptsname(master, &name, name.count) == 0 else {
            throw Failure(description: "cannot open a pseudo-terminal: errno \(errno)")
        }
        slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open the pseudo-terminal's slave side: errno \(errno)") }
        Thread.detachNewThread { [self] in drain() }
    }

    /// Everything written to the terminal so far, decoded as UTF-8.
    var screen: String {
        output.withLock { String(decoding: $0, as: UTF8.self) }
    }

    /// Sends `keys` as if typed on the terminal.
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        bytes.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    /// Waits (up to 10 seconds) until `text` has appeared `occurrences` times; false on timeout.
    @discardableResult
    func waitForOutput(_ text: String, occurrences: Int = 1) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if screen.components(separatedBy: text).count - 1 >= occurrences { return true }
            usleep(10_000)
        }
        return false
    }

    /// Waits (up to 10 seconds) until the reader has taken every typed byte (none left queued on
    /// the slave side).
    func waitUntilInputIsRead() {
        let deadline = Date().addingTimeInterval(10)
        var queued: Int32 = 1
        while Date() < deadline {
            guard ioctl(slave, UInt(FIONREAD), &queued) == 0, queued > 0 else { return }
            usleep(5_000)
        }
    }

    /// Runs `keystrokes` on a background thread, for a test that blocks reading on the slave side.
    ///
    /// A reader still waiting 15 seconds after the keystrokes ended (a lost Ctrl-C, a key the reader
    /// never saw) would block the test run forever: the terminal is then hung up, so the reader
    /// sees the end of its input, and ``close()`` records the failure.
    func script(_ keystrokes: @escaping @Sendable (PseudoTerminal) -> Void) {
        Thread.detachNewThread { [self] in
            keystrokes(self)
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if stopped.load(ordering: .acquiring) { return }
                usleep(10_000)
            }
            hungUp.store(true, ordering: .releasing)
            stopDrainer()
            closeMaster()
        }
    }

    /// Stops the drainer and closes both sides.
    func close() {
        stopDrainer()
        Foundation.close(slave)
        closeMaster()
        if hungUp.load(ordering: .acquiring) {
            Issue.record("the reader was still waiting 15 s after the scripted keys ended; the terminal was hung up")
        }
    }

    private func stopDrainer() {
        stopped.store(true, ordering: .releasing)
        while !drainerDone.load(ordering: .acquiring) { usleep(5_000) }
    }

    private func closeMaster() {
        guard masterClosed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        Foundation.close(master)
    }

    private static func libc<Function>(_ symbol: String, as type: Function.Type) -> Function? {
        dlsym(nil, symbol).map { unsafeBitCast($0, to: type) }
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopped.load(ordering: .acquiring) {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            output.withLock { $0.append(contentsOf: buffer[0..<count]) }
        }
        drainerDone.store(true, ordering: .releasing)
    }
}
