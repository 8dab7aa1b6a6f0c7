#!/usr/bin/env bash
# Runs the README's "Your first message" block exactly as written, against a fresh
# `wamator --headless` on a free loopback port, then checks that the batch it sent reached the
# simulator and was read. Usage: readme-walkthrough.sh <wamator binary> <README.md>
set -euo pipefail
binary=$1
readme=$2
work=$(mktemp -d)
app_pid=""
cleanup() {
    [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "readme-walkthrough: $*" >&2
    echo "--- app output ---" >&2
    cat "$work/app.log" >&2 || true
    exit 1
}

# The block between the section's ```sh and the next ```.
awk '/^## Your first message/ {in_section = 1}
     in_section && /^```sh$/ {in_block = 1; next}
     in_block && /^```$/ {exit}
     in_block {print}' "$readme" > "$work/walkthrough.sh"
[[ -s "$work/walkthrough.sh" ]] || fail "no sh block under '## Your first message' in $readme"
grep -q '^API=http://127.0.0.1:3000$' "$work/walkthrough.sh" || fail "the block no longer sets API=http://127.0.0.1:3000"

export WAMATOR_ADMIN_TOKEN=readme-admin-token-0123456789abcdef WAMATOR_SECRET_BACKEND=file
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
"$binary" --headless --data-dir "$work/data" --port 0 > "$work/app.log" 2>&1 &
app_pid=$!
port=""
for _ in $(seq 1 200); do
    port=$(sed -n 's/.*listening on [0-9.]*:\([0-9][0-9]*\).*/\1/p' "$work/app.log" | head -n 1)
    [[ -n "$port" ]] && break
    kill -0 "$app_pid" 2>/dev/null || fail "wamator exited before listening"
    sleep 0.1
done
[[ -n "$port" ]] || fail "wamator did not report its port"

# Only the port differs from the README (the suite must not take 3000 from a running app).
sed -i "s|^API=http://127.0.0.1:3000$|API=http://127.0.0.1:$port|" "$work/walkthrough.sh"
{
    echo 'set -euo pipefail'
    echo "walk_out=$work/walk.out"
    # The block's own output is kept: its last two answers are the batch (after `sleep 2`) and
    # the outbox read right after it. Its stderr goes to a file of its own too (its
    # `tee /dev/stderr` reopens the file, which would truncate the log), shown afterwards.
    echo 'trap '"'"'cat "$walk_out.err" >&2'"'"' EXIT'
    echo '{'
    cat "$work/walkthrough.sh"
    echo '} > "$walk_out" 2> "$walk_out.err"'
    echo 'trap - EXIT; cat "$walk_out.err" >&2; echo >&2'
    # What the walkthrough promises: both queued messages read, each received once.
    cat <<'CHECK'
# The README's own outbox read, right after its batch read: every message that batch already
# counted as sent, delivered or read is in it (it used to answer {"messages":[]}).
readme_batch=$(jq -s '.[-2]' "$walk_out")
readme_outbox=$(jq -s '.[-1]' "$walk_out")
jq -n -e --argjson b "$readme_batch" --argjson o "$readme_outbox" '
    [$b.messages[] | select(.status == "sent" or .status == "delivered" or .status == "read")
     | .recipient + "@c.us"] - [$o.messages[].to] == []' > /dev/null \
    || { echo "the README's outbox read misses messages its batch read reported sent:" >&2
         echo "batch: $readme_batch" >&2; echo "outbox: $readme_outbox" >&2; exit 1; }
if [[ $(echo "$readme_batch" | jq .counts.read) == 2 ]]; then
    echo "$readme_outbox" | jq -e '.messages | length == 2' > /dev/null \
        || { echo "batch read, outbox incomplete: $readme_outbox" >&2; exit 1; }
fi
for _ in $(seq 1 60); do
    batch=$(curl -s $API/messages/batch/$BATCH -H "x-api-key: $KEY")
    [[ $(echo "$batch" | jq .counts.read) == 2 ]] && break
    sleep 0.5
done
echo "$batch" | jq -e '.counts.read == 2 and .counts.failed == 0 and .counts.pending == 0' > /dev/null \
    || { echo "batch not read: $batch" >&2; exit 1; }
outbox=$(curl -s $API/sandbox/$APP_USER/08030000001/outbox -H "x-api-key: $KEY")
echo "$outbox" | jq -e '[.messages[].to] | sort == ["2348031234567@c.us", "2348039876543@c.us"]' > /dev/null \
    || { echo "unexpected outbox: $outbox" >&2; exit 1; }
echo "$outbox" | jq -e 'any(.messages[]; .body == "Hello Johnny, order A-17 is ready!")' > /dev/null \
    || { echo "rendered template missing: $outbox" >&2; exit 1; }
echo "readme-walkthrough: OK (batch $BATCH read, outbox as rendered)"
CHECK
} > "$work/run.sh"
timeout 120 bash "$work/run.sh" > "$work/out.log" 2>&1 || { cat "$work/out.log" >&2; fail "the walkthrough failed"; }
tail -n 1 "$work/out.log"
