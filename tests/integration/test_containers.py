"""The container recipes (containers/Dockerfile, containers/icsim.def) are linted here: Debian 12
base, Debian packages only (nothing downloaded), the same build as the README's, a run-time image
that carries every shared library the built icsim needs. They are built only where the tool is
present (docker or apptainer), by the validation-labelled test at the end."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin

DOCKERFILE = (SOURCE_DIR / "containers/Dockerfile").read_text()
DEF = (SOURCE_DIR / "containers/icsim.def").read_text()
DOWNLOADS = re.compile(r"\b(curl|wget|pip3? install|git clone|ADD\s+https?://|apt-key|add-apt-repository)\b")
BASE_PACKAGES = {"libc6", "libstdc++6", "libgcc-s1"}
# Sanitizer runtimes: linked only into the asan-ubsan and tsan test builds, never into a release image.
SANITIZER_RUNTIMES = {"libasan8", "libubsan1", "libtsan2", "liblsan0"}


def instructions(text):
    """Dockerfile instructions with their continuation lines joined, comments dropped."""
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("#")]
    return [s.strip() for s in re.sub(r"\\\n", " ", "\n".join(lines)).splitlines() if s.strip()]


def build_steps(text):
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#") or not re.search(r"cmake (--preset|--build|--install)|install-deps", line):
            continue
        line = re.sub(r"^(RUN\s+|&&\s*)", "", line).rstrip("\\").strip()
        steps.append(line)
    return steps


def test_dockerfile_is_debian_12_packages_only():
    ins = instructions(DOCKERFILE)
    froms = [i.split()[1] for i in ins if i.startswith("FROM ")]
    assert froms and all(f == "debian:bookworm" for f in froms), froms
    assert not DOWNLOADS.search(DOCKERFILE)
    known = {"FROM", "COPY", "WORKDIR", "RUN", "LABEL", "ENV", "ENTRYPOINT", "CMD"}
    assert {i.split()[0] for i in ins} <= known
    assert any(i.startswith("ENTRYPOINT") and '"icsim"' in i for i in ins)
    assert 'org.opencontainers.image.licenses="Apache-2.0"' in DOCKERFILE


def test_apptainer_definition_is_debian_12_packages_only():
    header = dict(re.findall(r"^(Bootstrap|From):\s*(\S+)", DEF, re.M))
    assert header == {"Bootstrap": "docker", "From": "debian:bookworm"}
    sections = re.findall(r"^%(\w+)", DEF, re.M)
    assert {"files", "post", "environment", "runscript", "test", "labels", "help"} <= set(sections)
    assert not DOWNLOADS.search(DEF)
    assert re.search(r"^\s*License Apache-2.0", DEF, re.M)


def test_both_recipes_build_as_the_readme_does():
    docker, apptainer = build_steps(DOCKERFILE), build_steps(DEF)
    assert docker == apptainer, (docker, apptainer)
    assert docker[0] == "cmake/install-deps.sh"
    assert any("--preset release" in s for s in docker) and any(s.startswith("cmake --install") for s in docker)
    assert (SOURCE_DIR / "CMakePresets.json").read_text().count('"name": "release"') >= 2


def test_run_time_image_has_every_library_icsim_needs():
    run_stage = DOCKERFILE.split("FROM debian:bookworm\n")[-1]
    packages = set(re.findall(r"\b(lib[\w.+-]+|zlib1g|openmpi-bin|python3[\w-]*)\b", run_stage))
    needed = subprocess.run(["readelf", "-d", icsim_bin()], capture_output=True, text=True, check=True).stdout
    owners = set()
    patterns = [f"*/x86_64-linux-gnu/{lib}" for lib in re.findall(r"NEEDED.*\[(.+)\]", needed)]
    found = subprocess.run(["dpkg", "-S", *patterns], capture_output=True, text=True)
    owners.update(line.split(":")[0] for line in found.stdout.splitlines() if ":amd64:" in line)
    assert owners, "no package owns icsim's libraries (not a Debian machine?)"
    owners -= BASE_PACKAGES | SANITIZER_RUNTIMES
    assert owners <= packages, owners - packages


# A usable tool: apptainer, or docker with a daemon to talk to (a client alone cannot build).
TOOL = shutil.which("apptainer") or (shutil.which("docker") if Path("/var/run/docker.sock").exists() else None)


@pytest.mark.skipif(TOOL is None, reason="neither apptainer nor docker is installed: the recipes are only linted")
def test_container_builds_and_runs(tmp_path):
    if TOOL.endswith("docker"):
        subprocess.run([TOOL, "build", "-f", "containers/Dockerfile", "-t", "icsim-test", "."], cwd=SOURCE_DIR,
                       check=True, timeout=3600)
        out = subprocess.run([TOOL, "run", "--rm", "icsim-test", "--version"], capture_output=True, text=True,
                             check=True).stdout
    else:
        sif = tmp_path / "icsim.sif"
        subprocess.run([TOOL, "build", str(sif), "containers/icsim.def"], cwd=SOURCE_DIR, check=True, timeout=3600)
        out = subprocess.run([TOOL, "run", str(sif), "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("icsim ")
