enum HostEffectsPlaceholder {}
