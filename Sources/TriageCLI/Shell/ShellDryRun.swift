/// The shell's `dryrun on|off` command.
extension Shell {
    /// Switches dry-run mode; without an argument, says which mode is on. Applies to the running
    /// walk too, from its next fix on.
    func setDryRun(_ argument: String?) {
        switch argument?.lowercased() {
        case "on"?:
            dryRun = true
            console.line("Dry run is on: checks still run, fixes are only shown, and the walk stops at the first fix.")
        case "off"?:
            dryRun = false
            console.line("Dry run is off: fixes are proposed and applied when you answer y.")
        case nil:
            console.line("Dry run is \(dryRun ? "on" : "off"). Usage: dryrun on|off")
            return
        case let other?:
            console.line("dryrun takes on or off (got '\(other)').")
            return
        }
        driver?.fixPolicy = dryRun ? .dryRun : .confirm
    }
}
