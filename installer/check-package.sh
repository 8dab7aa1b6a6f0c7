#!/usr/bin/env bash
# Builds the .deb from a configured build dir and checks it the way Debian would:
# file list, desktop entry, AppStream metainfo, lintian (no errors), man page, systemd unit.
# Usage: installer/check-package.sh <build-dir> [output dir: where the checked .deb is kept]
set -euo pipefail
build_dir=$(cd "$1" && pwd)
keep_dir="${2:-}"
src_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== building the package"
# cpack installs what is built; make sure that is current (a no-op after scripts/build).
cmake --build "$build_dir" --target wamator wamator_installer_files >/dev/null || fail "build failed"
(cd "$build_dir" && cpack -G DEB -B "$work/out" >/dev/null) || fail "cpack could not build the package"
deb=$(find "$work/out" -maxdepth 1 -name "wamator_*_*.deb" | head -n1)
[[ -f "$deb" ]] || fail "no wamator_<version>_<arch>.deb produced"
echo "   $(basename "$deb")"

echo "== file list"
dpkg-deb -x "$deb" "$work/root"
expected=(
    usr/bin/wamator
    usr/share/applications/wamator.desktop
    usr/share/metainfo/io.github.wamator.Wamator.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/wamator.svg
    usr/share/icons/hicolor/16x16/apps/wamator.png
    usr/share/icons/hicolor/48x48/apps/wamator.png
    usr/share/icons/hicolor/256x256/apps/wamator.png
    usr/share/man/man1/wamator.1.gz
    usr/share/doc/wamator/copyright
    usr/share/doc/wamator/changelog.gz
)
for f in "${expected[@]}"; do
    [[ -e "$work/root/$f" ]] || fail "missing from the package: /$f"
done
# The unit's directory is the one this Debian's systemd.pc names (/lib on 12, /usr/lib on 13).
unit_dir=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || true)
unit_dir=${unit_dir:-/lib/systemd/system}
unit="$work/root$unit_dir/wamator-headless.service"
[[ -e "$unit" ]] || fail "missing from the package: $unit_dir/wamator-headless.service"
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6core6 libqt6webenginecore6 libphonenumber libsodium libqt6keychain libqrencode; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib (shlibdeps): $depends"
done
# The QtWebEngine it asks for is the one it was built against (major.minor), not older.
built_web=$(grep -o 'libqt6webenginecore6 (>= [0-9]*\.[0-9]*)' <<<"$depends" | head -n1)
web_version=$(dpkg-query -W -f='${Version}' libqt6webenginecore6 2>/dev/null || true)
[[ -n "$built_web" ]] || fail "Depends does not ask for a QtWebEngine version: $depends"
if [[ -n "$web_version" ]]; then
    want="${web_version%%.*}.$(cut -d. -f2 <<<"$web_version")"
    grep -qF "libqt6webenginecore6 (>= $want)" <<<"$depends" ||
        fail "Depends should ask for QtWebEngine >= $want (built against $web_version): $depends"
fi
echo "   version $version, ${#expected[@]} expected files present, ${built_web}"
"$work/root/usr/bin/wamator" --version | grep -q "$version" || fail "--version does not print $version"

echo "== desktop-file-validate"
desktop-file-validate "$work/root/usr/share/applications/wamator.desktop"

echo "== appstreamcli validate"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.wamator.Wamator.metainfo.xml" >/dev/null \
    || { appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.wamator.Wamator.metainfo.xml"; fail "metainfo invalid"; }

echo "== man page"
MANWIDTH=80 man -l "$work/root/usr/share/man/man1/wamator.1.gz" >"$work/man.txt" 2>"$work/man.err" || fail "man -l failed"
[[ ! -s "$work/man.err" ]] || { cat "$work/man.err"; fail "man page has warnings"; }
# Every option and every environment variable of docs/configuration.md is in the man page.
vars=$(grep -o 'WAMATOR_[A-Z_]*' "$src_dir/docs/configuration.md" | sort -u)
for opt in --headless --listen --port --data-dir --admin-token-file $vars; do
    grep -q -- "$opt" "$work/man.txt" || fail "man page does not document $opt"
done

echo "== lintian"
# Errors fail the check; warnings are printed for the reader.
lintian --tag-display-limit 0 "$deb" 2>/dev/null >"$work/lintian.txt" || true
cat "$work/lintian.txt"
if grep -q '^E: ' "$work/lintian.txt"; then fail "lintian reports errors"; fi

echo "== systemd unit"
if command -v systemd-analyze >/dev/null; then
    # verify resolves ExecStart on the host: point it at the unpacked binary.
    sed "s|/usr/bin/wamator|$work/root/usr/bin/wamator|" "$unit" >"$work/wamator-headless.service"
    SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$work/wamator-headless.service" 2>"$work/verify.txt" || true
    # Only problems with our unit count (the host's own units may be odd in a container).
    if grep -i "wamator-headless" "$work/verify.txt"; then fail "systemd-analyze verify complains"; fi
else
    echo "   systemd-analyze not present: skipped"
fi
echo "package checks passed"
if [[ -n "$keep_dir" ]]; then
    mkdir -p "$keep_dir"
    cp "$deb" "$keep_dir/"
    echo "$keep_dir/$(basename "$deb"): Depends: $depends"
fi
