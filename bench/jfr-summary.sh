#!/usr/bin/env bash
# Summarises a JFR recording of Baton: where the CPU samples go, by cost category (the innermost frame that
# belongs to a known library decides; socket reads and writes count for their caller, Tomcat or the database driver)
set -euo pipefail
JFR_FILE=${1:?usage: bench/jfr-summary.sh recording.jfr}
TOP=${TOP:-25}
EVENTS=${EVENTS:-jdk.ExecutionSample}   # jdk.CPUTimeSample for a Java 25+ recording with CPU-time sampling on
"${JFR:-jfr}" print --stack-depth 256 --events "$EVENTS" "$JFR_FILE" | awk -v top="$TOP" '
function category(frame) {
  if (frame ~ /sun\.security\.(rsa|ec)|java\.math\.BigInteger|com\.nimbusds\.jose\.crypto|sun\.security\.util\.math|java\.security\.Signature|sun\.security\.ec|EdDSA|Ed25519|com\.amazon\.corretto/) return "signing (JWS crypto)";
  if (frame ~ /com\.fasterxml\.jackson|tools\.jackson|com\.nimbusds\.jose\.util\.JSON|net\.minidev|JSONObjectUtils|com\.nimbusds\.jose\.shaded/) return "JSON";
  if (frame ~ /org\.mariadb|org\.h2\.|com\.zaxxer\.hikari|org\.springframework\.jdbc|org\.springframework\.transaction|java\.sql/) return "SQL (driver, pool, JdbcTemplate, transactions)";
  if (frame ~ /java\.security\.MessageDigest|sun\.security\.provider\.(SHA|DigestBase|DRBG|NativePRNG|SecureRandom|AbstractDrbg|HashDrbg)|java\.security\.SecureRandom|javax\.crypto|com\.sun\.crypto/) return "hashing, random, AES (refresh token, secret check)";
  if (frame ~ /org\.apache\.(tomcat|coyote|catalina)/) return "HTTP server (Tomcat, sockets)";
  if (frame ~ /org\.springframework\.session/) return "Spring Session";
  if (frame ~ /org\.springframework\.security\.oauth2\.server\.authorization|org\.springframework\.security\.oauth2/) return "authorization server (grant, token generation)";
  if (frame ~ /org\.springframework\.security/) return "Spring Security filters";
  if (frame ~ /dev\.baton/) return "Baton code";
  if (frame ~ /io\.micrometer/) return "metrics";
  if (frame ~ /ch\.qos\.logback|org\.slf4j/) return "logging";
  if (frame ~ /org\.springframework/) return "Spring (MVC, context, other)";
  return "";
}
/^jdk\.(ExecutionSample|CPUTimeSample)/ { n = 0; inside = 0; next }
/stackTrace = \[/ { inside = 1; next }
inside && /^[[:space:]]*\]/ {
  inside = 0; samples++;
  leaf[frames[1]]++;
  cat = "";
  for (i = 1; i <= n && cat == ""; i++) cat = category(frames[i]);
  if (cat == "") cat = "JDK / other";
  cats[cat]++;
  next
}
inside && /line:/ { sub(/^[[:space:]]+/, ""); sub(/[[:space:]]+line:.*/, ""); frames[++n] = $0 }
END {
  printf "%d samples\n\nby category (innermost known library on the stack):\n", samples;
  for (c in cats) printf "  %5.1f%%  %s\n", 100 * cats[c] / samples, c | "sort -rn";
  close("sort -rn");
  printf "\nhottest leaf methods:\n";
  for (f in leaf) printf "  %5.1f%%  %s\n", 100 * leaf[f] / samples, f | "sort -rn | head -" top;
  close("sort -rn | head -" top);
}'
