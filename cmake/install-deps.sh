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
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-pytest python3-openpyxl chromium
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
