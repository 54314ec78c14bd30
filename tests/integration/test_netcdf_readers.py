"""Outputs any HDF5 reader understands: every dataset's axes carry dimension scales, so xarray
(through h5netcdf, the netCDF-4 reader) opens every group of a run's file with named dimensions,
the time axis as dates ("days since <start_date>") and ids and names for selection; the values
are those h5py reads from the same file."""
import h5py
import numpy as np
import pytest
import xarray as xr

from conftest_icsim import run


def documented_dimensions():
    table = run("observables", "--dimensions").stdout
    return {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("xr") / "out"
    run("run", "--days", 63, "-r", 1, "--out", out, "--progress", "never")
    return out / "default" / "rep-0000.h5"


def groups_with_datasets(path):
    names = []
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Group) and any(isinstance(v, h5py.Dataset) for v in obj.values()):
                names.append(name)
        f.visititems(visit)
    return names


def test_every_group_opens_with_named_dimensions(run_file):
    groups = groups_with_datasets(run_file)
    assert "observables/waiting_list" in groups and "events/decisions" in groups
    documented = documented_dimensions()
    seen = set()
    with h5py.File(run_file, "r") as f:
        for g in groups:
            ds = xr.open_dataset(run_file, group=g, engine="h5netcdf")
            for name, var in ds.variables.items():
                # Every axis of every dataset is a dimension scale (no phony dimension names).
                assert not any(d.startswith("phony_dim") for d in var.dims), (g, name)
                assert var.shape == f[g][name].shape, (g, name)
                seen.update(var.dims)
            ds.close()
    # The docs' table (generated from the declaration) names every dimension a file has.
    assert seen - documented == set()
    assert {"time", "organisation", "specialty", "partner", "row"} <= seen


def test_select_by_organisation_and_date(run_file):
    with h5py.File(run_file, "r") as f:
        start = np.datetime64(f["parameters"].attrs["start_date"])
        g = f["observables/waiting_list"]
        time = g["time"][()]
        value = g["value"][()]
        org_ids = [x.decode() for x in f["organisations/id"][()]]
        org_names = [x.decode() for x in f["organisations/name"][()]]
        spec_ids = [x.decode() for x in f["specialties/id"][()]]
        assert g["value"].attrs["units"] == g["value"].attrs["unit"]
    with xr.open_dataset(run_file, group="observables/waiting_list", engine="h5netcdf") as ds:
        v = ds["value"]
        assert v.dims == ("time", "organisation", "specialty")
        assert np.issubdtype(ds["time"].dtype, np.datetime64)
        assert list(ds["time"].values) == list(start + time.astype("int64").astype("timedelta64[D]"))
        assert list(ds["organisation"].values) == org_ids[: value.shape[1]]
        assert list(ds["organisation_name"].values) == org_names[: value.shape[1]]
        assert list(ds["specialty"].values) == spec_ids
        # By id and date ...
        k, t = 1, 5
        day = start + np.timedelta64(int(time[t]), "D")
        picked = v.sel(organisation=org_ids[k], time=str(day))
        np.testing.assert_array_equal(picked.values, value[t, k, :])
        # ... and by the organisation's name.
        by_name = v.swap_dims(organisation="organisation_name").sel(organisation_name=org_names[k])
        np.testing.assert_array_equal(by_name.values, value[:, k, :])
        assert by_name.attrs["units"] == "patients"


def test_trust_matrix_and_origin_destination_have_distinct_dimensions(run_file):
    with xr.open_dataset(run_file, group="relationships/trust", engine="h5netcdf") as ds:
        assert ds["value"].dims == ("time", "organisation", "partner")
        assert list(ds["organisation"].values) == list(ds["partner"].values)
    with xr.open_dataset(run_file, group="observables/transfer_flows", engine="h5netcdf") as ds:
        assert ds["value"].dims == ("time", "organisation", "destination")


def test_axis_tables_are_indexed_by_id(run_file):
    with xr.open_dataset(run_file, group="organisations", engine="h5netcdf") as ds:
        assert ds["location_km"].dims == ("organisation", "coordinate")
        assert list(ds["coordinate"].values) == ["x", "y"]
        first = str(ds["organisation"].values[0])
        assert str(ds["name"].sel(organisation=first).values) == str(ds["name"].values[0])
        assert ds["location_km"].attrs["units"] == "km"
    with xr.open_dataset(run_file, group="places", engine="h5netcdf") as ds:
        assert ds["deprivation"].dims == ("place", "quintile")
