import Dispatch
import Foundation

/// A one-line spinner for a probe that runs long: after `delayMilliseconds` it draws
/// `⠋ 3.2 s  go mod download example.com/lib` in place, redraws it every `intervalMilliseconds`,
/// and erases it when the probe ends, leaving no trace in the scrollback.
///
/// Only for terminals (`Console.isTerminal`); the renderer does not make one otherwise.
final class ProbeSpinner: @unchecked Sendable {
    static let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    private let console: Console
    private let delayMilliseconds: Int
    private let intervalMilliseconds: Int
    private let lock = NSLock()
    private var timer: (any DispatchSourceTimer)?
    /// Whether a spinner line is on the screen now.
    private var drawn = false
    private var frame = 0
    private var startedAt = DispatchTime.now()
    private var label = ""
    /// Counts probes, so a tick queued for an earlier probe draws nothing.
    private var generation = 0

    init(console: Console, delayMilliseconds: Int = 1_000, intervalMilliseconds: Int = 100) {
        self.console = console
        self.delayMilliseconds = delayMilliseconds
        self.intervalMilliseconds = intervalMilliseconds
    }

    /// Starts timing a probe; the line appears only if it is still running after the delay.
    func start(label: String) {
        stop()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let current: Int = lock.withLock {
            self.label = label.split(whereSeparator: \.isNewline).joined(separator: " ")
            startedAt = .now()
            frame = 0
            self.timer = timer
            generation += 1
            return generation
        }
        timer.schedule(deadline: .now() + .milliseconds(delayMilliseconds), repeating: .milliseconds(intervalMilliseconds))
        timer.setEventHandler { [weak self] in self?.draw(generation: current) }
        timer.resume()
    }

    /// Stops the spinner and erases its line, if it was drawn.
    func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
            generation += 1
            if drawn { console.eraseStatusLine() }
            drawn = false
        }
    }

    private func draw(generation wanted: Int) {
        lock.withLock {
            guard timer != nil, generation == wanted else { return }  // stopped, or a newer probe
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - startedAt.uptimeNanoseconds) / 1e9
            let text = "\(Self.frames[frame % Self.frames.count]) \(String(format: "%.1f s", seconds))  \(label)"
            frame += 1
            console.statusLine(String(text.prefix(max(console.width - 1, 10))))
            drawn = true
        }
    }
}
