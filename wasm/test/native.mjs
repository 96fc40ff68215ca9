// The native programs the parity tests compare against, built on demand with CMake.
// SPDX-License-Identifier: MIT
//
// wasm/test/native/ is configured in $FAHRAS_NATIVE_DIR (default: build-wasm-native in the
// repository) and built incrementally: a few seconds when nothing changed, a few minutes the
// first time. $FAHRAS_JOBS sets the build's parallelism (default 2).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

import { repoRoot } from "./helpers.mjs";

export const nativeDir = resolve(process.env.FAHRAS_NATIVE_DIR || join(repoRoot, "build-wasm-native"));

function run(command, args) {
  const r = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.error || `exit ${r.status}`}):\n` +
      `${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  }
}

let built = null;

/** Paths of fahras-parity, fahras-gen-corpus and the CLI, built and up to date. */
export function nativeTools() {
  if (built) return built;
  if (!existsSync(join(nativeDir, "CMakeCache.txt"))) {
    run("cmake", ["-S", join(repoRoot, "wasm/test/native"), "-B", nativeDir, "-DCMAKE_BUILD_TYPE=Release"]);
  }
  run("cmake", ["--build", nativeDir, "-j", process.env.FAHRAS_JOBS || "2"]);
  built = {
    parity: join(nativeDir, "fahras-parity"),
    genCorpus: join(nativeDir, "fahras-gen-corpus"),
    cli: join(nativeDir, "fahras/tools/fahras"),
  };
  return built;
}

/** Runs a native program; returns its stdout (throws with its stderr on failure). */
export function runNative(program, args, input) {
  return execFileSync(program, args, { input, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
}

/** fahras-parity run [index] over requests: one parsed result per request. */
export function nativeAnswers(indexPath, requests) {
  const { parity } = nativeTools();
  const out = runNative(parity, indexPath ? ["run", indexPath] : ["run"],
    requests.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const lines = out.split("\n").filter((l) => l !== "");
  if (lines.length !== requests.length) throw new Error(`fahras-parity answered ${lines.length} of ${requests.length} requests`);
  return lines.map((l) => JSON.parse(l));
}
