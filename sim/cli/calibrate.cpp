// icsim calibrate: options -> app::calibrate, errors -> exit codes.
#include <iostream>

#include "app/calibrate.hpp"
#include "cli/commands.hpp"

namespace icsim::cli {

int calibrate(const CalibrateArgs& a) {
  app::CalibrateOptions o;
  o.rtt = a.rtt;
  o.by = a.by == "provider" ? io::rtt::By::provider : io::rtt::By::commissioner;
  o.out = a.out;
  o.force = a.force;
  o.replications = a.replications;
  o.seed = a.seed;
  try {
    o.fit_from = io::rtt::parse_month(a.fit_from);
    o.fit_to = io::rtt::parse_month(a.fit_to);
    o.forecast_to = io::rtt::parse_month(a.forecast_to);
    const auto s = app::calibrate(o);
    std::cerr << "icsim: calibrated " << s.lists << " lists (read " << s.read_seconds << " s, fit " << s.fit_seconds
              << " s, forecast " << s.forecast_months << " months x " << o.replications << " replications "
              << s.forecast_seconds << " s) into " << o.out << "\n";
    std::cout << s.backtest;
    return ok;
  } catch (const app::OutputExists& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return output_exists;
  } catch (const io::rtt::RttError& e) {
    std::cerr << e.what() << "\n";
    return bad_input;
  } catch (const std::invalid_argument& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return bad_input;
  }
}

}  // namespace icsim::cli
