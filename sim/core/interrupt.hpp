#pragma once
// Stopping on a signal: SIGTERM, SIGUSR1 (what Slurm sends before a job's time limit, with
// --signal) and SIGINT set a flag, and nothing else happens in the handler. Runs look at the flag
// once per simulated day: they finish the day, save their state if they checkpoint, and end as
// "interrupted" (docs/reliability.md). A second SIGINT ends the process at once.
namespace icsim::core {

/// Installs the handlers (once per process).
void install_stop_handlers();

/// The signal that asked to stop, or 0.
int stop_requested() noexcept;

/// Asks to stop as a signal would (tests, and a run that must stop its siblings).
void request_stop(int signal) noexcept;

/// The exit status of a process that stopped on a signal with its state saved: 75 (EX_TEMPFAIL,
/// "try again": resume with icsim resume, or rerun the sweep).
inline constexpr int kInterruptedExit = 75;

}  // namespace icsim::core
