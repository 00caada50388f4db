/// Small playbooks that tests of more than one target walk.
public enum FixtureBooks {
    /// Asks for the module only when none is given (`only-if-empty`), then ends naming it and
    /// its host.
    public static let moduleOnce = """
        gotriage: 1
        id: once
        title: Once
        summary: Asks for the module only when none is given.
        start: module
        inputs:
          module: ~
          module_host: ~
        steps:
          module:
            ask: {question: Which module?, into: module, only-if-empty: true}
            next: done
          done:
            done: {outcome: resolved, conclusion: "{{module}} on {{module_host}}."}
        """
}
