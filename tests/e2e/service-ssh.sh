#!/bin/bash
# Service mode over OpenSSH (filled in by the next commit).
echo "1..1"
echo "ok 1 - service over ssh # SKIP not yet written"
