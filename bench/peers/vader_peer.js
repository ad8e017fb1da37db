#!/usr/bin/env node
// vader_peer.js: the peer side of bench/sentiment_bench.cc. Scores the same dev sets with the
// npm port of VADER (vader-sentiment 1.1.3, English lexicon only) and computes the same metrics
// with the same definitions, so scripts/bench-sentiment.sh can print them side by side.
//
// VADER's standard thresholds: compound <= -0.05 negative, >= 0.05 positive, else neutral.
// Metrics (identical to sentiment_bench.cc):
//   neg P/R/F1  negative class; gold negative = neg plus mix (SENTIPOLC posts with both
//               polarities carry negative polarity, its oneg=1)
//   macro_f1    mean of the F1 of "negative" and of "not negative"
//   polar_f1    on the gold pos/neg subset only, mean F1 of pos and neg with 3-way predictions
// Throughput: one thread, every text of every set repeated until >= --seconds of work; per
// wall-clock second and per second of the process's CPU time.
// The Italian sets are scored too: "English VADER on Italian" is the baseline heed must beat.
//
// usage: node vader_peer.js [--data DIR] [--prefix DIR] [--seconds S] [--compare HEED.json]
//   --prefix   where `npm install --prefix DIR vader-sentiment@1.1.3` put the package
//              (default: build/bench/peers under the repository)
//   --compare  also print one Markdown table of heed (sentiment_bench --json-out) vs VADER
// Prints VADER's results as one JSON object on stdout (after the table with --compare).
'use strict';

const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const args = {
  data: path.resolve(repo, '..', 'shared', 'sentiment-dev'),
  prefix: path.join(repo, 'build', 'bench', 'peers'),
  seconds: 2,
  compare: null,
};
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) || i + 1 >= process.argv.length) {
    console.error(
        'usage: node vader_peer.js [--data DIR] [--prefix DIR] [--seconds S] [--compare FILE]');
    process.exit(2);
  }
  args[key] = key === 'seconds' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}

// Same sets, same order as sentiment_bench.cc.
const SETS = [
  ['feel_it', 'feel_it/all.eval.tsv', 'it'],
  ['sentipolc2016_train', 'sentipolc2016_train/train.eval.tsv', 'it'],
  ['sentiment140', 'sentiment140/all.eval.tsv', 'en'],
  ['tweeteval_val', 'tweeteval_val/val.eval.tsv', 'en'],
  ['uci_yelp', 'uci_yelp/yelp.eval.tsv', 'en'],
  ['vader_tweets', 'vader_tweets/tweets.eval.tsv', 'en'],
];

if (!fs.existsSync(args.data)) {
  console.log(`vader_peer: no dev sets at ${args.data}; nothing to measure.`);
  process.exit(0);
}

let modulePath;
try {
  modulePath = require.resolve('vader-sentiment', {paths: [args.prefix]});
} catch (e) {
  console.error(`vader_peer: vader-sentiment is not installed under ${args.prefix}; run\n` +
                `  npm install --prefix ${args.prefix} vader-sentiment@1.1.3`);
  process.exit(1);
}
const vader = require(modulePath).SentimentIntensityAnalyzer;
const version = JSON.parse(
    fs.readFileSync(path.join(path.dirname(modulePath), '..', 'package.json'), 'utf8')).version;

function label(compound) {
  if (compound <= -0.05) return 'neg';
  if (compound >= 0.05) return 'pos';
  return 'neu';
}

// Reads `label<TAB>text` like std::getline + find('\t') in the C++ harness.
function readSet(file) {
  const items = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    items.push({gold: line.slice(0, tab), text: line.slice(tab + 1)});
  }
  return items;
}

const f1 = (tp, fp, fn) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

function metrics(items, predictions) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  let posTp = 0, posFp = 0, posFn = 0, negTp = 0, negFp = 0, negFn = 0;
  items.forEach((item, i) => {
    const goldNeg = item.gold === 'neg' || item.gold === 'mix';
    const predNeg = predictions[i] === 'neg';
    const predPos = predictions[i] === 'pos';
    if (goldNeg && predNeg) tp++;
    if (!goldNeg && predNeg) fp++;
    if (goldNeg && !predNeg) fn++;
    if (!goldNeg && !predNeg) tn++;
    if (item.gold === 'pos') {
      predPos ? posTp++ : posFn++;
      if (predNeg) negFp++;
    } else if (item.gold === 'neg') {
      predNeg ? negTp++ : negFn++;
      if (predPos) posFp++;
    }
  });
  const negF1 = f1(tp, fp, fn);
  return {
    neg_precision: tp + fp ? tp / (tp + fp) : 0,
    neg_recall: tp + fn ? tp / (tp + fn) : 0,
    neg_f1: negF1,
    macro_f1: (negF1 + f1(tn, fn, fp)) / 2,
    polar_macro_f1: (f1(posTp, posFp, posFn) + f1(negTp, negFp, negFn)) / 2,
  };
}

const sets = [];
const allTexts = [];
for (const [name, rel, lang] of SETS) {
  const file = path.join(args.data, rel);
  if (!fs.existsSync(file)) continue;
  const items = readSet(file);
  const predictions = items.map((item) => label(vader.polarity_scores(item.text).compound));
  const distribution = {};
  for (const item of items) distribution[item.gold] = (distribution[item.gold] || 0) + 1;
  sets.push({name, lang, n: items.length, distribution, ...metrics(items, predictions)});
  for (const item of items) allTexts.push(item.text);
}

let scored = 0;
let checksum = 0;
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let elapsed = 0;
do {
  for (const text of allTexts) checksum += vader.polarity_scores(text).compound;
  scored += allTexts.length;
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
} while (elapsed < args.seconds);
// CPU time (user + system) of the process: what the scoring cost, whatever else the machine ran.
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const result = {
  tool: 'vader-sentiment',
  version,
  node: process.version,
  texts_per_second: scored / elapsed,
  texts_per_cpu_second: scored / cpuSeconds,
  peak_rss_mib: process.resourceUsage().maxRSS / 1024,
  checksum,
  sets,
};

if (args.compare) {
  const heed = JSON.parse(fs.readFileSync(args.compare, 'utf8'));
  const fmt = (v) => (v === undefined || v < 0 ? 'n/a' : v.toFixed(3));
  const num = (v) => Math.round(v).toLocaleString('en-US');
  const rows = [
    `heed (lexicon ${heed.lexicon_version}, ${heed.hint ? 'language hint' : 'detected language'})` +
        ` vs VADER-js ${version} (${process.version}), same files, same run.`,
    '',
    '| set | lang | n | neg F1 heed | neg F1 VADER | macro-F1 heed | macro-F1 VADER |' +
        ' polar F1 heed | polar F1 VADER |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const v of sets) {
    const h = heed.sets.find((s) => s.name === v.name) || {};
    rows.push(`| ${v.name} | ${v.lang} | ${v.n} | ${fmt(h.neg_f1)} | ${fmt(v.neg_f1)} | ` +
              `${fmt(h.macro_f1)} | ${fmt(v.macro_f1)} | ${fmt(h.polar_macro_f1)} | ` +
              `${fmt(v.polar_macro_f1)} |`);
  }
  rows.push('', '| throughput, one thread, all texts | texts/s (wall) | texts/s (CPU) | ' +
            'heed ÷ VADER (CPU) |', '|---|---:|---:|---:|');
  const ratio = (h) => (h / result.texts_per_cpu_second).toFixed(1);
  rows.push(`| heed, score only (hint) | ${num(heed.texts_per_second)} | ` +
            `${num(heed.texts_per_cpu_second)} | ${ratio(heed.texts_per_cpu_second)}× |`);
  rows.push(`| heed, detect + score (no hint) | ${num(heed.texts_per_second_detect)} | ` +
            `${num(heed.texts_per_cpu_second_detect)} | ` +
            `${ratio(heed.texts_per_cpu_second_detect)}× |`);
  rows.push(`| VADER-js polarity_scores | ${num(result.texts_per_second)} | ` +
            `${num(result.texts_per_cpu_second)} | 1.0× |`);
  rows.push('', `Peak RSS: heed ${heed.peak_rss_mib.toFixed(1)} MiB, VADER-js (node) ` +
                `${result.peak_rss_mib.toFixed(1)} MiB.`, '');
  console.log(rows.join('\n'));
}
console.log(JSON.stringify(result));
