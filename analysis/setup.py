"""Builds the icsim._icsim extension against an installed icsim: the flags come from its
pkg-config file (set PKG_CONFIG_PATH to <prefix>/lib/pkgconfig). Metadata is in pyproject.toml."""
import shlex
import subprocess

import pybind11
from setuptools import Extension, setup


def pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args, "icsim"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit("icsim's pkg-config file was not found: install icsim (cmake --install) and set "
                         f"PKG_CONFIG_PATH to <prefix>/lib/pkgconfig ({e})")
    return shlex.split(out)


cflags = pkg_config("--cflags")
libs = pkg_config("--libs")
setup(ext_modules=[Extension(
    "icsim._icsim", ["src/icsim_ext.cpp"],
    include_dirs=[pybind11.get_include()],
    extra_compile_args=[*cflags, "-O1", "-fvisibility=hidden"],
    extra_link_args=libs,
    language="c++")])
