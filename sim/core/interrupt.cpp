#include "core/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace icsim::core {
namespace {

std::atomic<int> g_stop{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_stop_signal(int sig) {
  if (sig == SIGINT && g_stop.load(std::memory_order_relaxed) != 0) ::_exit(128 + SIGINT);  // a second Ctrl-C
  int none = 0;
  g_stop.compare_exchange_strong(none, sig, std::memory_order_relaxed);
}

}  // namespace

void install_stop_handlers() {
  static const bool installed = [] {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : {SIGTERM, SIGUSR1, SIGINT}) sigaction(s, &sa, nullptr);
    return true;
  }();
  (void)installed;
}

int stop_requested() noexcept { return g_stop.load(std::memory_order_relaxed); }

void request_stop(int signal) noexcept {
  int none = 0;
  g_stop.compare_exchange_strong(none, signal, std::memory_order_relaxed);
}

}  // namespace icsim::core
