import Foundation

/// One change to the GOENV file, crash-consistent: with the file locked against other gotriage
/// processes, go works out the new bytes on a copy, the recorder (the journal) hears of them and
/// the file is replaced atomically; then, the lock released, `go env` confirms the value.
///
/// The lock covers the read-modify-write only, so two processes never lose each other's change
/// and neither waits for the other's confirming read. A change whose process died is told from
/// one still confirming by the journal's session lock (``Journal/isAlive(session:)``).
///
/// A kill at any moment leaves the file as it was or as planned, and the journal says which
/// could have happened: a planned entry with the bytes before is written before go runs, and
/// another with the bytes after too before the file is replaced.
public struct GoEnvTransaction: Sendable {
    public let goEnvironment: any GoEnvironment

    public init(goEnvironment: any GoEnvironment) { self.goEnvironment = goEnvironment }

    /// Said when Ctrl-C stopped the change before the file was replaced.
    public static let interruptedBefore = "interrupted (Ctrl-C) before the GOENV file was changed; it is as before"

    /// Applies `edit`. `known` is a snapshot holding `edit.key` read recently (the one the user
    /// saw); the key is read again with the file locked when the file changed since. The read
    /// that confirms the change also asks for `keys`; `after` is what it read.
    public func apply(
        _ edit: GoEnvEdit, before known: GoEnvSnapshot?, alsoReading keys: [String],
        recorder: (any GoEnvChangeRecorder)?
    ) async -> (result: GoEnvApplyResult, after: GoEnvSnapshot?) {
        let key = edit.key
        var before: GoEnvSnapshot
        if let known, known[key] != nil {
            before = known
        } else {
            do { before = try await goEnvironment.read(keys: [key]) } catch { return (.failed(key: key, message: error.description), nil) }
        }
        let wanted: String = if case .set(_, let value) = edit { value } else { "" }
        if let osValue = before.osEnvironment[key], !osValue.isEmpty {
            return (.overridden(key: key, variable: key, osValue: osValue, wanted: wanted), nil)
        }
        guard let file = before.goenvFile else {
            return (
                .failed(key: key, message: "GOENV is off (go env GOENV is empty or 'off'), so go keeps no settings file to change"), nil
            )
        }
        let files = goEnvironment.files
        let target = files.target(of: file)
        let lock: any GoEnvFileLock
        do {
            lock = try await files.lock(target)
        } catch {
            return (
                .failed(key: key, message: error == .interrupted ? Self.interruptedBefore : "could not lock the GOENV file: \(error)"), nil
            )
        }
        let bytesBefore: Data?
        do { bytesBefore = try files.contents(of: target) } catch {
            lock.release()
            return (.failed(key: key, message: "could not read the GOENV file: \(error)"), nil)
        }
        if GoEnvFile(parsing: bytesBefore) != GoEnvFile(values: before.fileValues) {
            // Someone changed the file since `known` was read: read the key again, with the file locked.
            do { before = try await goEnvironment.read(keys: [key]) } catch {
                lock.release()
                return (.failed(key: key, message: error.description), nil)
            }
        }
        var plan = GoEnvChangePlan(edit: edit, before: before, file: file, target: target, bytesBefore: bytesBefore)
        do {
            try recorder?.willChange(plan)  // the intent and the bytes before, before go even runs
        } catch {
            lock.release()
            return (.failed(key: key, message: Self.unjournaled(error)), nil)
        }
        let stopped: GoEnvApplyResult
        switch await goEnvironment.rewrite(edit, of: bytesBefore, at: target) {
        case .contents(let data):
            plan.bytesAfter = data
            return await replace(plan, holding: lock, alsoReading: keys, recorder: recorder)
        case .overridden(let variable, let osValue, _):
            stopped = .overridden(key: key, variable: variable, osValue: osValue.isEmpty ? before[key] ?? "" : osValue, wanted: wanted)
        case .failed(let message):
            stopped = .failed(key: key, message: message)
        case .interrupted:
            stopped = .failed(key: key, message: Self.interruptedBefore)
        }
        recorder?.didChange(plan, result: stopped, fileChanged: false)
        lock.release()
        return (stopped, nil)
    }

    /// Journals `plan`, replaces the file with its new bytes, releases `lock`, and confirms with go env.
    private func replace(
        _ plan: GoEnvChangePlan, holding lock: any GoEnvFileLock, alsoReading keys: [String],
        recorder: (any GoEnvChangeRecorder)?
    ) async -> (result: GoEnvApplyResult, after: GoEnvSnapshot?) {
        let key = plan.edit.key
        defer { lock.release() }
        do {
            try recorder?.willChange(plan)  // now with the bytes after, before the file is replaced
        } catch {
            let result = GoEnvApplyResult.failed(key: key, message: Self.unjournaled(error))
            recorder?.didChange(plan, result: result, fileChanged: false)
            return (result, nil)
        }
        // go env -u on a file that did not exist leaves an empty one: nothing to write then.
        let unchanged = plan.bytesAfter == plan.bytesBefore || (plan.bytesBefore == nil && plan.bytesAfter?.isEmpty == true)
        if !unchanged {
            do {
                try goEnvironment.files.replace(plan.target, with: plan.bytesAfter)
            } catch {
                let result = GoEnvApplyResult.failed(key: key, message: "the GOENV file could not be replaced (\(error)); it is as before")
                recorder?.didChange(plan, result: result, fileChanged: false)
                return (result, nil)
            }
        }
        lock.release()  // the change is made; the confirming read needs no lock
        let old = plan.before[key] ?? ""
        let written = GoEnvFile(parsing: plan.bytesAfter).values[key]
        let result: GoEnvApplyResult
        var after: GoEnvSnapshot?
        do {
            var seen: Set<String> = []
            let snapshot = try await goEnvironment.read(keys: ([key] + keys).filter { seen.insert($0).inserted })
            after = snapshot
            result = Self.confirm(plan.edit, old: old, written: written, after: snapshot)
        } catch {
            let why =
                Task.isCancelled
                ? "gotriage was interrupted (Ctrl-C) before go env confirmed it"
                : "go env could not confirm it: \(error.description)"
            result = .unconfirmed(key: key, old: old, new: written ?? "", message: why)
        }
        recorder?.didChange(plan, result: result, fileChanged: !unchanged)
        return (result, after)
    }

    /// Why nothing was changed when the journal could not be written.
    static func unjournaled(_ error: JournalError) -> String {
        "the undo journal could not be written, and a change that could not be undone is not made: \(error)"
    }

    /// Checks that go reports what the file now says, read right after the change.
    static func confirm(_ edit: GoEnvEdit, old: String, written: String?, after: GoEnvSnapshot) -> GoEnvApplyResult {
        let key = edit.key
        let now = after[key] ?? ""
        switch edit {
        case .set(_, let value):
            // go may normalise what it writes; accept the value the file now holds if go reports it.
            if now == value || (written == now && after.fileValues[key] == now && after.source(of: key) != .defaultValue) {
                return .applied(key: key, old: old, new: now)
            }
            return .unconfirmed(key: key, old: old, new: written ?? "", message: "go env reports '\(now)' after writing '\(value)'")
        case .unset:
            if after.fileValues[key] == nil { return .applied(key: key, old: old, new: now) }
            return .unconfirmed(key: key, old: old, new: "", message: "the GOENV file still sets \(key)='\(after.fileValues[key] ?? "")'")
        }
    }
}
