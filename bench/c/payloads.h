/* The payloads every contender signs and verifies (benches/support/mod.rs has
 * the same ones): P1 the seed's, P2 a typical access token whose exp is in 2100. */
#ifndef BENCH_PAYLOADS_H
#define BENCH_PAYLOADS_H

#define BENCH_P1 "{\"user_id\":123}"
#define BENCH_P2                                                                  \
  "{\"sub\":\"user-8f2c1e54\",\"name\":\"Ada Lovelace\",\"iat\":1700000000,"     \
  "\"exp\":4102444800,\"iss\":\"https://auth.example.com\","                      \
  "\"aud\":\"api.example.com\",\"scope\":\"read:users write:users read:billing\"," \
  "\"roles\":[\"admin\",\"editor\"]}"
#define BENCH_SECRET "a 32-byte secret for benchmarks."
#define BENCH_ISSUER "https://auth.example.com"
#define BENCH_AUDIENCE "api.example.com"

#endif
