# shellcheck shell=bash
# Starting components in parallel with a progress display.
# On a terminal: one line per component, redrawn in place. Otherwise (CI logs, pipes): a line
# whenever a component's step changes, and every TT_PROGRESS_EVERY seconds while it waits.

TT_PROGRESS_EVERY=${TT_PROGRESS_EVERY:-10}

fancy_output() { [ -t 1 ] && [ "${TERM:-dumb}" != dumb ] && [ -z "${CI:-}" ]; }

# read_state COMPONENT: S_PHASE, S_MSG, S_LOG from one read of its state file, and S_LINE, the
# line to show (the elapsed time stops when the component is done).
read_state() {
  local t0 t1 label
  S_PHASE=wait S_MSG="" S_LOG=""
  IFS='|' read -r S_PHASE S_MSG S_LOG <"$RUN_DIR/$1.state"
  t0=$(cat "$RUN_DIR/$1.t0" 2>/dev/null || now)
  t1=$(now)
  case $S_PHASE in
    ready) label="ready" ;;
    failed) label="FAILED" ;;
    aborted) label="stopped" ;;
    *) label="waiting" ;;
  esac
  [ "$label" = waiting ] || t1=$(stat -c %Y "$RUN_DIR/$1.state")
  S_LINE=$(printf '  %-16s %-7s %4ss  %s' "$1" "$label" "$((t1 - t0))" "$S_MSG")
}

# run_parallel 'COMPONENT=FUNCTION [ARG...]'...: run each FUNCTION in the background (its output
# goes to logs/COMPONENT-setup.log) and show progress until every one is ready or has failed.
# After a failure the others are told to stop waiting (run/abort). Failures are shown with the
# tail of the log that explains them; the function then returns 1.
run_parallel() {
  local spec comp cmd=() comps=() pids=() i waiting failure drawn=0 shown=() shown_at=() t key rc=0
  local fancy=0 cols=200
  if fancy_output; then
    fancy=1
    cols=$(tput cols 2>/dev/null || echo 200)
  fi
  rm -f "$RUN_DIR/abort"
  for spec in "$@"; do
    comp=${spec%%=*}
    read -ra cmd <<<"${spec#*=}"
    comps+=("$comp")
    now >"$RUN_DIR/$comp.t0"
    rotate_log "$LOG_DIR/$comp-setup.log"
    step "$comp" "starting"
    ("${cmd[@]}") >>"$LOG_DIR/$comp-setup.log" 2>&1 &
    pids+=($!) shown+=("") shown_at+=(0)
  done
  while :; do
    waiting=0 failure=0
    [ "$fancy" = 1 ] && [ "$drawn" = 1 ] && printf '\033[%dA' "${#comps[@]}"
    t=$(now)
    for i in "${!comps[@]}"; do
      comp=${comps[$i]}
      read_state "$comp"
      if [ "$S_PHASE" = wait ] && ! kill -0 "${pids[$i]}" 2>/dev/null; then
        read_state "$comp" # it may have said ready or failed just before it ended
        if [ "$S_PHASE" = wait ]; then
          state "$comp" failed "setup ended unexpectedly" "$LOG_DIR/$comp-setup.log"
          read_state "$comp"
        fi
      fi
      case $S_PHASE in
        wait) waiting=1 ;;
        failed) failure=1 ;;
      esac
      if [ "$fancy" = 1 ]; then
        printf '\r%s\033[K\n' "${S_LINE:0:cols-1}" # a wrapped line would break the redraw
      else
        key="$S_PHASE|$S_MSG"
        if [ "$key" != "${shown[$i]}" ] || { [ "$S_PHASE" = wait ] && ((t - shown_at[i] >= TT_PROGRESS_EVERY)); }; then
          echo "$S_LINE"
          shown[i]=$key shown_at[i]=$t
        fi
      fi
    done
    drawn=1
    [ "$failure" = 1 ] && [ ! -f "$RUN_DIR/abort" ] && touch "$RUN_DIR/abort"
    [ "$waiting" = 0 ] && break
    sleep 0.5
  done
  wait "${pids[@]}" 2>/dev/null
  for comp in "${comps[@]}"; do
    read_state "$comp"
    [ "$S_PHASE" = failed ] || continue
    rc=1
    echo
    echo "✗ $comp: $S_MSG"
    if [ -n "$S_LOG" ] && [ -s "$S_LOG" ]; then
      echo "--- last 40 lines of $S_LOG"
      tail -n 40 "$S_LOG"
      echo "---"
    fi
  done
  return $rc
}
