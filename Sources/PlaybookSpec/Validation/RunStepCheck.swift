/// Refuses a `run` step whose argv would change settings (``SettingsWriteCommand``): a run step
/// only looks. The error points at the argument that makes it a write.
enum RunStepCheck {
    static func check(_ run: RunSyntax, problems: inout Problems) {
        // A placeholder is not known yet: the walk checks the filled-in argv before running it.
        let argv = run.argv.map { $0.value.variables.isEmpty ? $0.value.description : nil }
        guard let write = SettingsWriteCommand.find(in: argv) else { return }
        let advice =
            switch write.kind {
            case .goEnv: "; change settings in a fix step (set: or unset:), which asks first and can be undone"
            case .gitConfig: ""
            }
        problems.error(run.argv[write.index].location, "\(write.kind.what), and a run step may only look\(advice)")
    }
}
