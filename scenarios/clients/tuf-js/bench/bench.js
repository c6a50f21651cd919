#!/usr/bin/env node
'use strict';
// Benchmark driver for tuf-js (Mallory issue 4): one process does a cold refresh, then looks up
// every target named in NAMES_FILE with getTargetInfo (which loads delegated roles on demand),
// then optionally downloads one target. It times only this in-process work (module loading
// excluded) and prints one line:
//   BENCH client=tuf-js round=N refresh_ms=.. lookups_ms=.. lookups=.. found=.. cpu_ms=.. download_ms=.. peak_rss_kb=..
// usage: node bench.js METADATA_DIR METADATA_URL TARGET_BASE_URL TARGET_DIR NAMES_FILE [DOWNLOAD_NAME]
// METADATA_DIR must already hold the trusted root.json; TARGET_DIR must exist.
const fs = require('fs');
const { performance } = require('perf_hooks');
const { Updater } = require('tuf-js');

async function main() {
  const [metadataDir, metadataUrl, targetBaseUrl, targetDir, namesFile, downloadName] = process.argv.slice(2);
  if (!namesFile) {
    console.error('usage: node bench.js METADATA_DIR METADATA_URL TARGET_BASE_URL TARGET_DIR NAMES_FILE [DOWNLOAD_NAME]');
    process.exit(2);
  }
  const names = fs.readFileSync(namesFile, 'utf8').split('\n').filter((n) => n.length > 0);
  // BENCH_ROUNDS=N repeats the whole cycle in this process with fresh directories: round 1 is the
  // cold figure, the last one the warm figure (what a long-lived process would see).
  const rounds = parseInt(process.env.BENCH_ROUNDS || '1', 10);
  const trustedRoot = fs.readFileSync(`${metadataDir}/root.json`);
  for (let round = 1; round <= rounds; round++) {
    const suffix = round === 1 ? '' : `-round${round}`;
    fs.mkdirSync(metadataDir + suffix, { recursive: true });
    fs.mkdirSync(targetDir + suffix, { recursive: true });
    fs.writeFileSync(`${metadataDir + suffix}/root.json`, trustedRoot);
    await cycle(metadataDir + suffix, metadataUrl, targetBaseUrl, targetDir + suffix, names, downloadName, round);
  }
}

async function cycle(metadataDir, metadataUrl, targetBaseUrl, targetDir, names, downloadName, round) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const updater = new Updater({
    metadataDir,
    metadataBaseUrl: metadataUrl.replace(/\/$/, ''),
    targetDir,
    targetBaseUrl: targetBaseUrl.replace(/\/$/, ''),
  });
  await updater.refresh();
  const t1 = performance.now();
  let found = 0;
  for (const name of names) {
    if (await updater.getTargetInfo(name)) found++;
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0); // whole process, every thread, in microseconds
  let downloadMs = -1;
  if (downloadName) {
    const info = await updater.getTargetInfo(downloadName);
    if (!info) throw new Error(`target ${downloadName} not found`);
    await updater.downloadTarget(info);
    downloadMs = performance.now() - t2;
  }
  const rssKb = process.resourceUsage().maxRSS; // ru_maxrss, KiB on Linux: the peak RSS
  console.log(`BENCH client=tuf-js round=${round} refresh_ms=${(t1 - t0).toFixed(1)} lookups_ms=${(t2 - t1).toFixed(1)}`
    + ` lookups=${names.length} found=${found} cpu_ms=${((cpu.user + cpu.system) / 1000).toFixed(1)}`
    + ` download_ms=${downloadMs.toFixed(1)} peak_rss_kb=${rssKb}`);
}

main().catch((e) => {
  console.error(`ERROR ${e.constructor.name}: ${e.message}`);
  process.exit(1);
});
