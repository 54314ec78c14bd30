#include "app/calibrate.hpp"

#include <tbb/parallel_for.h>

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <numeric>
#include <sstream>

#include "calibration/backtest.hpp"
#include "calibration/fit.hpp"
#include "calibration/stock_flow.hpp"
#include "core/random.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "model/model.hpp"
#include "scenario/scenario.hpp"

namespace icsim::app {
namespace {

namespace fs = std::filesystem;
using calibration::Counts;
using calibration::ListFit;
using io::rtt::Month;
using io::rtt::Series;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string list_id(const io::rtt::ListKey& k) {
  std::string id = (k.provider.empty() ? k.commissioner : k.provider) + "-" + k.function;
  for (char& c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  }
  return id;
}

std::string quoted(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

std::string num(double x) {
  std::ostringstream os;
  os << std::setprecision(6) << x;
  return os.str();
}

/// What a run of the calibrated lists starts from and how long it runs.
struct Span {
  Month start, last;                                              ///< first and last month run
  std::vector<const std::array<std::int64_t, io::rtt::kBands>*> initial;  ///< per list
  std::vector<double> p3;  ///< per list: share of P3 among the non-P2 (the rest P4)
  [[nodiscard]] int days() const {
    int d = 0;
    for (Month m = start; m <= last; m = m.next()) d += m.days();
    return d;
  }
};

std::string scenario_text(const CalibrateOptions& o, const Series& s, const std::vector<ListFit>& fits, const Span& span) {
  const Month start = span.start;
  const int days = span.days();
  std::ostringstream os;
  os << "# Calibrated by `icsim calibrate` (icsim " << icsim::version() << ") from NHS England RTT full extracts\n"
     << "# (Open Government Licence v3.0): fit window " << o.fit_from.text() << ".." << o.fit_to.text() << ", by "
     << (o.by == io::rtt::By::provider ? "provider" : "commissioner") << " x treatment function.\n# Files:";
  for (const auto& f : s.files) os << " " << fs::path(f).filename().string();
  os << "\n# Each list is a specialty of one trust; one place of 1000 people, so referral_rate is the\n"
     << "# list's referrals a year. Fitted values carry '# se' comments: standard errors from the\n"
     << "# window's month-to-month variation (docs/calibration.md).\n\n"
     << "[scenario]\nname = \"calibrated\"\n"
     << "description = \"RTT lists calibrated on " << o.fit_from.text() << ".." << o.fit_to.text() << "\"\n"
     << "start_date = " << start.text() << "-01\ndays = " << days << "\nseed = " << o.seed
     << "\nreplications = " << o.replications << "\nnon_working_dates = [";
  bool any = false;
  for (Month m = start; m <= span.last; m = m.next()) {
    for (const auto& [hm, hd] : calibration::england_bank_holidays(m.year)) {
      if (hm != m.month) continue;
      os << (any ? ", " : "") << m.text() << (hd < 10 ? "-0" : "-") << hd;
      any = true;
    }
  }
  os << "]  # England's bank holidays\n\n[output]\ninterval_days = " << std::min(days, 3650) << "\n\n"
     << "[[place]]\nid = \"population\"\npopulation = 1000\nlocation_km = [0, 0]\n\n";
  for (std::size_t i = 0; i < s.lists.size(); ++i) {
    const ListFit& f = fits[i];
    const double p2 = f.p2_share;
    os << "[[specialty]]\nid = " << quoted(list_id(s.lists[i])) << "\nname = " << quoted(s.names[i])
       << "\nreferrals_on_working_days = true\nreferral_rate = " << num(f.referrals_per_day.value * 365.25 * 5 / 7)
       << "  # se " << num(f.referrals_per_day.se * 365.25 * 5 / 7) << (f.starts_published ? " (Part_3)" : " (inferred from weekly bands)")
       << "\nannual_growth = " << num(std::clamp(f.growth_per_year.value, -0.99, 1.0)) << "  # se "
       << num(f.growth_per_year.se) << " (kept only when |t| >= 2)"
       << "\nremoval_hazard_per_week = " << num(f.removal_hazard_per_week.value) << "  # se "
       << num(f.removal_hazard_per_week.se) << "\npriority_mix = [" << num(p2) << ", " << num((1 - p2) * span.p3[i]) << ", "
       << num((1 - p2) * (1 - span.p3[i])) << "]  # P2: the share treated within its month; P3 share fitted\n\n";
  }
  os << "[[trust]]\nid = \"lists\"\nname = \"RTT lists\"\ntype = \"acute\"\nplace = \"population\"\n\n[trust.capacity]\n";
  for (std::size_t i = 0; i < s.lists.size(); ++i) {
    os << quoted(list_id(s.lists[i])) << " = " << num(std::max(fits[i].capacity_per_working_day.value, 1e-6))
       << "  # se " << num(fits[i].capacity_per_working_day.se) << "\n";
  }
  for (std::size_t i = 0; i < s.lists.size(); ++i) {
    const auto& w = *span.initial[i];
    std::int64_t total = 0;
    int last = 0;
    for (int k = 0; k < io::rtt::kBands; ++k) {
      total += w[static_cast<std::size_t>(k)];
      if (w[static_cast<std::size_t>(k)] > 0) last = k;
    }
    if (total == 0) continue;
    os << "\n[trust.initial_list." << quoted(list_id(s.lists[i])) << "]\nsize = " << total << "\npriority_mix = [0, " << num(span.p3[i]) << ", " << num(1 - span.p3[i])
       << "]  # P2 are treated within their month: none wait\nweeks_waited = [";
    for (int k = 0; k <= last; ++k) os << (k ? ", " : "") << w[static_cast<std::size_t>(k)];
    os << "]\n";
  }
  return os.str();
}

std::string fits_csv(const Series& s, const std::vector<ListFit>& fits) {
  std::ostringstream os;
  os << "provider,commissioner,treatment_function,referrals_per_working_day,referrals_per_working_day_se,growth_per_year,"
        "growth_per_year_se,capacity_per_working_day,capacity_per_working_day_se,removal_hazard_per_week,"
        "removal_hazard_per_week_se,p2_share,p3_share,arrivals_from,evaluations";
  for (int m = 0; m < calibration::kRenegeBins; ++m) os << ",removal_month_" << m;
  os << "\n";
  for (std::size_t l = 0; l < s.lists.size(); ++l) {
    const ListFit& f = fits[l];
    const auto& k = s.lists[l];
    os << k.provider << "," << k.commissioner << "," << k.function;
    for (const auto* e : {&f.referrals_per_day, &f.growth_per_year, &f.capacity_per_working_day, &f.removal_hazard_per_week}) {
      os << "," << num(e->value) << "," << num(e->se);
    }
    os << "," << num(f.p2_share) << "," << num(f.p3_share) << "," << (f.starts_published ? "part_3" : "weekly_bands") << "," << f.evaluations;
    for (double r : f.removal_by_month) os << "," << num(r);
    os << "\n";
  }
  return os.str();
}

/// Per replication, list and month: the counts at each month's end.
using Runs = std::vector<std::vector<std::vector<Counts>>>;

/// Replication r's values of the fitted parameters: each list's referral rate, capacity and
/// removal hazard drawn from a normal with the fit's standard error (truncated at 0; hazard at
/// most 1), from its own Philox stream (purpose kParameterDraw, entity = list, step = r).
constexpr core::Purpose kParameterDraw = 9001;

model::Config perturbed(const model::Config& c, const std::vector<ListFit>& fits, int r) {
  model::Config out = c;
  const core::Streams streams(c.run.seed, static_cast<std::uint64_t>(r));
  for (std::size_t s = 0; s < fits.size(); ++s) {
    core::Rng rng = streams.rng(kParameterDraw, s, r);
    boost::random::normal_distribution<double> z;
    const double z1 = z(rng), z2 = z(rng), z3 = z(rng);
    auto& sp = out.specialties[s];
    sp.referral_rate = std::max(0.0, sp.referral_rate + z1 * fits[s].referrals_per_day.se * 365.25 * 5 / 7);
    double& cap = out.trusts[0].capacity[s];
    cap = std::max(1e-6, cap + z2 * fits[s].capacity_per_working_day.se);
    sp.removal_hazard_per_week = std::clamp(sp.removal_hazard_per_week + z3 * fits[s].removal_hazard_per_week.se, 0.0, 1.0);
  }
  return out;
}

/// Runs c's replications over `months`; with fits, each replication draws its own parameter
/// values (perturbed()), so the spread over replications holds parametric uncertainty too.
Runs run_forward(const model::Config& c, const std::vector<Month>& months, const std::vector<ListFit>* fits = nullptr) {
  Runs out(static_cast<std::size_t>(c.run.replications));
  std::vector<int> ends;
  int d = 0;
  for (const Month& m : months) ends.push_back(d += m.days());
  const std::size_t S = c.specialties.size();
  for (int r = 0; r < c.run.replications; ++r) {
    model::Model m(fits != nullptr ? perturbed(c, *fits, r) : c, static_cast<std::uint64_t>(r));
    auto& rep = out[static_cast<std::size_t>(r)];
    rep.assign(S, std::vector<Counts>(months.size()));
    std::size_t next = 0;
    while (!m.finished() && next < ends.size()) {
      m.step();
      if (m.days_done() != ends[next]) continue;
      const auto today = static_cast<std::int32_t>(m.days_done());  // waited = day + 1 - referral day
      tbb::parallel_for(std::size_t{0}, S, [&](std::size_t s) {
        Counts& k = rep[s][next];
        m.list(0, s).cohort.for_each([&](std::int32_t rday, std::uint32_t n) {
          const int weeks = (today - rday) / 7;
          k.waiting += n;
          if (weeks < 18) k.within_18 += n;
          if (weeks >= 52) k.over_52 += n;
        });
      });
      ++next;
    }
  }
  return out;
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double at = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (at - static_cast<double>(lo));
}

std::string forecast_csv(const Series& s, const std::vector<Month>& months, const Runs& runs) {
  std::ostringstream os;
  os << "period,provider,commissioner,treatment_function,waiting,within_18_weeks,over_52_weeks,"
        "waiting_lo95,waiting_hi95,within_18_weeks_lo95,within_18_weeks_hi95,over_52_weeks_lo95,over_52_weeks_hi95,"
        "replications\n";
  for (std::size_t t = 0; t < months.size(); ++t) {
    for (std::size_t l = 0; l < s.lists.size(); ++l) {
      std::vector<double> w, a, b;
      for (const auto& rep : runs) {
        w.push_back(rep[l][t].waiting);
        a.push_back(rep[l][t].within_18);
        b.push_back(rep[l][t].over_52);
      }
      auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); };
      const auto& k = s.lists[l];
      os << months[t].text() << "," << k.provider << "," << k.commissioner << "," << k.function << ","
         << std::llround(mean(w)) << "," << std::llround(mean(a)) << "," << std::llround(mean(b));
      for (const auto* v : {&w, &a, &b}) os << "," << num(quantile(*v, 0.025)) << "," << num(quantile(*v, 0.975));
      os << "," << runs.size() << "\n";
    }
  }
  return os.str();
}

/// The sum of all lists per month: mean and 2.5%/97.5% quantiles of the replications' sums.
std::string aggregate_csv(const std::vector<Month>& months, const Runs& runs) {
  std::ostringstream os;
  os << "period,waiting,within_18_weeks,over_52_weeks,waiting_lo95,waiting_hi95,within_18_share_pct,"
        "within_18_share_pct_lo95,within_18_share_pct_hi95,replications\n";
  for (std::size_t t = 0; t < months.size(); ++t) {
    std::vector<double> w, a, b, share;
    for (const auto& rep : runs) {
      Counts sum;
      for (const auto& list : rep) {
        sum.waiting += list[t].waiting;
        sum.within_18 += list[t].within_18;
        sum.over_52 += list[t].over_52;
      }
      w.push_back(sum.waiting);
      a.push_back(sum.within_18);
      b.push_back(sum.over_52);
      share.push_back(sum.waiting > 0 ? 100.0 * sum.within_18 / sum.waiting : 0.0);
    }
    auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); };
    os << months[t].text() << "," << std::llround(mean(w)) << "," << std::llround(mean(a)) << "," << std::llround(mean(b)) << ","
       << num(quantile(w, 0.025)) << "," << num(quantile(w, 0.975)) << "," << num(mean(share)) << ","
       << num(quantile(share, 0.025)) << "," << num(quantile(share, 0.975)) << "," << runs.size() << "\n";
  }
  return os.str();
}

}  // namespace
}  // namespace icsim::app


namespace icsim::app {
namespace {

/// The share of P3 among each list's non-P2 patients (P3 are treated before P4, each in wait
/// order): the value of a grid whose icsim run over the fit window, from its first month, comes
/// closest to the observed numbers within 18 weeks at the window's later months (in sample).
std::vector<double> fit_p3(const CalibrateOptions& o, const Series& fit, const std::vector<ListFit>& fits) {
  const std::vector<double> grid = {0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0};
  const std::size_t L = fit.lists.size();
  std::vector<double> best(L, 1.0 / 3.0), err(L, 1e300);
  std::vector<Month> months(fit.months.begin() + 1, fit.months.end());
  CalibrateOptions one = o;
  one.replications = 1;
  for (double q : grid) {
    Span span{fit.months[1], fit.months.back(), {}, std::vector<double>(L, q)};
    for (std::size_t l = 0; l < L; ++l) span.initial.push_back(&fit.data[l].front().waiting);
    const auto sc = scenario::load_text(scenario_text(one, fit, fits, span), "in-sample fit of the P3 share");
    const Runs runs = run_forward(sc.config, months);
    for (std::size_t l = 0; l < L; ++l) {
      double e = 0.0;
      for (std::size_t t = 0; t < months.size(); ++t) {
        e += std::pow(runs[0][l][t].within_18 - calibration::counts_of(fit.data[l][t + 1].waiting).within_18, 2);
      }
      if (e < err[l]) {
        err[l] = e;
        best[l] = q;
      }
    }
  }
  return best;
}

}  // namespace

CalibrateSummary calibrate(const CalibrateOptions& o) {
  if (o.fit_to < o.fit_from) throw std::invalid_argument("--fit-to " + o.fit_to.text() + ": expected a month not before --fit-from " + o.fit_from.text());
  if (o.fit_from.next() > o.fit_to) throw std::invalid_argument("--fit-from..--fit-to: expected at least two months (one month-to-month transition)");
  if (!(o.fit_to < o.forecast_to)) throw std::invalid_argument("--forecast-to " + o.forecast_to.text() + ": expected a month after --fit-to " + o.fit_to.text());
  const fs::path out(o.out);
  for (const char* f : {"forecast.csv", "backtest.csv", "scenario.toml", "fits.csv", "aggregate.csv"}) {
    if (fs::exists(out / f) && !o.force) throw OutputExists((out / f).string() + " exists (use --force to replace it)");
  }
  CalibrateSummary sum;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<io::rtt::Extract> ex(o.rtt.size());
  tbb::parallel_for(std::size_t{0}, o.rtt.size(), [&](std::size_t i) { ex[i] = io::rtt::read_extract(o.rtt[i]); });
  const Series fit = io::rtt::aggregate(ex, o.by, o.fit_from, o.fit_to);
  std::vector<Month> months;
  for (Month m = o.fit_to.next(); m <= o.forecast_to; m = m.next()) months.push_back(m);
  // Observed forecast months: the run of months after the window that the files hold.
  Month last_seen = o.fit_to;
  for (const Month& m : months) {
    if (std::none_of(ex.begin(), ex.end(), [&](const auto& e) { return e.period == m; })) break;
    last_seen = m;
  }
  sum.read_seconds = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  const auto md = calibration::month_days(fit.months);
  std::vector<ListFit> fits(fit.lists.size());
  tbb::parallel_for(std::size_t{0}, fits.size(), [&](std::size_t l) { fits[l] = calibration::fit_list(fit.data[l], md); });
  sum.fit_seconds = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  Span span{o.fit_to.next(), o.forecast_to, {}, fit_p3(o, fit, fits)};
  for (const ListFit& f : fits) span.initial.push_back(&f.initial);
  for (std::size_t l = 0; l < fits.size(); ++l) fits[l].p3_share = span.p3[l];
  const std::string text = scenario_text(o, fit, fits, span);
  const scenario::Scenario sc = scenario::load_text(text, (out / "scenario.toml").string());
  const Runs runs = run_forward(sc.config, months, &fits);
  sum.forecast_seconds = seconds_since(t0);
  sum.lists = fit.lists.size();
  sum.forecast_months = static_cast<int>(months.size());
  fs::create_directories(out);
  io::write_file_atomically(out / "scenario.toml", text);
  io::write_file_atomically(out / "forecast.csv", forecast_csv(fit, months, runs));
  io::write_file_atomically(out / "fits.csv", fits_csv(fit, fits));
  io::write_file_atomically(out / "aggregate.csv", aggregate_csv(months, runs));
  if (last_seen == o.fit_to) {
    fs::remove(out / "backtest.csv");  // only with --force: nothing to compare with
    return sum;
  }
  const Series seen = io::rtt::aggregate(ex, o.by, o.fit_to.next(), last_seen);
  if (seen.lists != fit.lists) {
    throw io::rtt::RttError(seen.files.front(), 0, "the lists differ from the fit window's: mismatched organisations or treatment functions");
  }
  const std::size_t T = seen.months.size(), L = fit.lists.size();
  sum.observed_months = static_cast<int>(T);
  std::vector<std::vector<Counts>> observed(L, std::vector<Counts>(T));
  calibration::Method icsim{"icsim", std::vector<std::vector<Counts>>(L, std::vector<Counts>(T))};
  calibration::Method persistence{"persistence", icsim.forecast}, stock_flow{"stock_flow_by_months_waited", icsim.forecast};
  for (std::size_t l = 0; l < L; ++l) {
    const auto sf = calibration::project_stock_flow(fit.data[l], static_cast<int>(T));
    for (std::size_t t = 0; t < T; ++t) {
      observed[l][t] = calibration::counts_of(seen.data[l][t].waiting);
      persistence.forecast[l][t] = calibration::counts_of(fit.data[l].back().waiting);
      stock_flow.forecast[l][t] = sf[t];
      for (const auto& rep : runs) {
        icsim.forecast[l][t].waiting += rep[l][t].waiting / static_cast<double>(runs.size());
        icsim.forecast[l][t].within_18 += rep[l][t].within_18 / static_cast<double>(runs.size());
        icsim.forecast[l][t].over_52 += rep[l][t].over_52 / static_cast<double>(runs.size());
      }
    }
  }
  std::vector<std::string> periods;
  for (const Month& m : seen.months) periods.push_back(m.text());
  sum.backtest = calibration::backtest_csv({icsim, persistence, stock_flow}, observed, periods);
  io::write_file_atomically(out / "backtest.csv", sum.backtest);
  return sum;
}

}  // namespace icsim::app
