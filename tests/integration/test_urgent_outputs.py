"""Urgent pressure, shocks and mutual aid, read back from real HDF5 files."""
import h5py
import numpy as np

from conftest_icsim import SOURCE_DIR, run


def test_beds_aid_and_shocks_in_the_files(tmp_path):
    urgent = SOURCE_DIR / "scenarios" / "urgent"
    proc = run("run", urgent / "winter_pact.toml", urgent / "pandemic_low_trust.toml", "--days", 200, "-r", 2,
               "--out", tmp_path)
    assert "cancelled electives (whole run)" in proc.stdout and "OPEL 4 trust-days" in proc.stdout
    f = h5py.File(tmp_path / "pandemic_low_trust" / "rep-0001.h5")
    obs = lambda n: f[f"observables/{n}/value"][()]  # noqa: E731
    # Conservation of beds, per trust and interval, in the written file.
    occ, adm, dis = obs("beds_occupied"), obs("bed_admissions"), obs("discharges")
    np.testing.assert_array_equal(occ[1:], occ[:-1] + adm[1:] - dis[1:])
    np.testing.assert_array_equal(obs("urgent_arrivals"), adm - obs("hosted_patients") + obs("placed_at_partners")
                                  + obs("out_of_area_placements"))
    assert obs("aid_given_beds").sum() == obs("aid_received_beds").sum()
    assert obs("aid_given_staff").sum() == obs("aid_received_staff").sum()
    # The aid table: every granted row names a donor; their beds add up to the aid given.
    aid = f["events/aid"]
    outcome = aid["outcome"].asstr()[()]
    kind = aid["kind"].asstr()[()]
    assert set(outcome) <= {"granted", "refused", "unmet"} and len(outcome) > 0
    donors = aid["donor"].asstr()[()]
    assert all(d for d, o in zip(donors, outcome) if o != "unmet")
    assert aid["granted"][()][kind == "beds"].sum() == obs("aid_given_beds").sum()
    assert aid["granted"][()][kind == "staff"].sum() == obs("aid_given_staff").sum()
    # The shock is listed with its drawn intensity, and it shows in absence and demand.
    shocks = f["events/shocks"]
    assert list(shocks["id"].asstr()[()]) == ["wave"] and shocks["intensity"][0] > 0
    assert obs("staff_absence").max() > 0.02 and obs("urgent_demand_multiplier").max() > 1.1
    # OPEL levels are 1-4 for trusts with beds, 0 for those without.
    opel = obs("opel_level")
    beds = np.array([int(b) for b in obs("staffed_beds")[0] > 0])
    assert set(np.unique(opel[:, beds == 1])) <= {1, 2, 3, 4}
    assert np.all(opel[:, beds == 0] == 0)
    # A scenario without shocks writes an empty shocks table.
    g = h5py.File(tmp_path / "winter_pact" / "rep-0001.h5")
    assert g["events/shocks/id"].shape == (0,)
