#!/usr/bin/env bash
# Installs the Debian 12 packages icsim needs to build, test, run and analyse, skipping those
# already installed. Run it as root, or as a user with sudo. Nothing is downloaded from
# anywhere but the Debian archive.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build git pkg-config
  # libraries (the fixed choices: Boost.Random, oneTBB, HDF5, Random123, CLI11, toml11)
  libboost-dev libtbb-dev libhdf5-dev hdf5-tools librandom123-dev libcli11-dev libtoml11-dev
  # icsim export --format xlsx: spreadsheets without Python for the user
  libxlsxwriter-dev
  # icsim calibrate: gzipped RTT extracts (zlib) and bounded derivative-free fits (NLopt)
  zlib1g-dev libnlopt-dev
  # distributed batch runs
  libopenmpi-dev openmpi-bin
  # tests and benchmarks; Clang with its runtimes (libFuzzer, sanitizers) for tests/fuzz
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  # analysis (Debian's Python packages; there is no PyPI) and the browser the report is tested in
  # (python3-yaml: tests/integration/test_project_files.py reads CITATION.cff; python3-xarray and
  # python3-h5netcdf: outputs read as netCDF-4, tests/integration/test_netcdf_readers.py)
  # the man page (help2man runs icsim --help at build time)
  help2man
  # R package (r/icsim): Debian's R and hdf5r (tests/analysis/test_r_package.py)
  r-base-core r-cran-hdf5r
  # Python bindings (pybind11) built by pip from analysis/ into a venv (tests/analysis/test_python_package.py)
  pybind11-dev python3-pybind11 python3-setuptools python3-venv python3-pip
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-pytest python3-openpyxl python3-yaml python3-xarray python3-h5netcdf chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (sudo is not available)" >&2; exit 1; }
  SUDO=(sudo)
fi
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
