import TriageCLI

await Gotriage.runAndExit()
