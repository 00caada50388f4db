/// The shell's `dryrun on|off` and `verbose on|off` commands.
extension Shell {
    /// Switches dry-run mode; without an argument, says which mode is on. Applies to the running
    /// walk too, from its next fix on.
    func setDryRun(_ argument: String?) {
        guard let on = onOrOff(argument, command: .dryrun, state: dryRun ? "Dry run is on." : "Dry run is off.") else { return }
        dryRun = on
        console.line(
            on
                ? "Dry run is on: checks still run, fixes are only shown, and the walk stops at the first fix."
                : "Dry run is off: fixes are proposed and applied when you answer y.")
        driver?.fixPolicy = dryRun ? .dryRun : .confirm
    }

    /// Switches between one line per check and the full detail of each (`-v`); without an
    /// argument, says which is on. Applies to the running walk from its next check on.
    func setVerbose(_ argument: String?) {
        let state = renderer.verbose ? "Verbose is on." : "Verbose is off: one line per check."
        guard let on = onOrOff(argument, command: .verbose, state: state) else { return }
        renderer.verbose = on
        console.line(
            on
                ? "Verbose is on: each check shows why it runs, its command, exit code and output."
                : "Verbose is off: one line per check (why shows the evidence).")
    }

    /// `on` or `off` as a Bool; nil after saying the state (no argument) or what is allowed.
    private func onOrOff(_ argument: String?, command: ShellCommand, state: String) -> Bool? {
        switch argument?.lowercased() {
        case "on"?: return true
        case "off"?: return false
        case nil: console.line("\(state) Usage: \(command.usage)")
        case let other?: console.line("\(command.rawValue) takes on or off (got '\(other)').")
        }
        return nil
    }
}
