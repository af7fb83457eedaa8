//! The exact search for the smallest plan: branch and bound over the
//! services, each taking one of its options (a set of changes) or none.
//!
//! Why the answer is exact: the search enumerates every combination of
//! options, and skips a branch only when (a) some target cannot be met even
//! if every remaining service took its best option for that target alone,
//! or (b) a lower bound on the plan size of every completion of the branch
//! exceeds the size allowed. The bound is a Lagrangian relaxation: for any
//! multipliers λ ≥ 0 (one per target row),
//!
//! ```text
//!   size ≥ used + λ·deficit + Σ_{remaining s} min(0, min_c (cost_c − λ·gain_c))
//! ```
//!
//! because every plan that meets the rows has Σ gain ≥ deficit, so
//! adding λ·(deficit − Σ gain) ≤ 0 to its size can only lower it, and the
//! sum then splits into one independent minimum per service. It holds for
//! every λ ≥ 0, so the multipliers only decide how tight it is, never
//! whether it is valid; they are tuned once at the root by subgradient
//! ascent (the best of those tried is kept), and each target alone gives
//! another (its fractional-knapsack bound). Sizes are whole numbers, so
//! the bound is rounded up after a small allowance for rounding error.
//!
//! A second bound adds up groups of rows. Give each row a set of moves of
//! its own (e-ID share: e-ID login and signing; case tracking: tracking)
//! and join rows whose sets overlap into groups; the groups' sets are then
//! disjoint, so a plan's size is at least the sum over groups of its
//! changes in each group's set. For one row, the fewest changes from its
//! set that can close its deficit is exact integer arithmetic: for every
//! service, the most the row can gain with at most k changes of its set
//! (any other changes free), combined over the remaining services by a
//! max-plus table over k. A group's share is at least its largest row's,
//! and at least its own Lagrangian bound with only its set's changes
//! counted. This is what closes the rounding gap of the first bound when a
//! plan is the sum of many separate small needs (hours, tracking, mobile…).
//!
//! Services with the same options are interchangeable; the search makes
//! the earlier (preferred) of two such services take an option no later
//! in the order than the later one takes, which removes only permutations
//! of one plan, never a size.
//!
//! Two passes: the first finds the smallest size K; the second walks the
//! same tree in the order of preference (services with the most cases
//! first, each trying its larger options first) and returns the first plan
//! of size K, which makes the plan deterministic.

/// One option of one service: the changes it makes (a set of move bits),
/// how many they are, and what they do to each target row.
#[derive(Clone, Debug)]
pub struct Choice {
    pub moves: u16,
    pub cost: u32,
    /// Change of each row's slack (positive helps the target).
    pub gain: Vec<f64>,
    /// Change of each row's exact numerator and denominator.
    pub delta: Vec<(i64, i64)>,
}

/// A service the plan may change, with its options in the order of
/// preference (taking none is implied, after the last).
#[derive(Clone, Debug)]
pub struct Item {
    /// Items with the same class have the same options.
    pub class: usize,
    pub choices: Vec<Choice>,
}

/// What the rows ask: where each stands and when it is met.
pub trait Rows {
    fn count(&self) -> usize;
    /// Row `k`'s exact test, on its numerator and denominator.
    fn met(&self, k: usize, num: i64, den: i64) -> bool;
    /// The moves (bits) that row `k` counts as its own for the grouped
    /// bound below; any set gives a valid bound, a fitting one a tight one.
    fn support(&self, k: usize) -> u16;
}

/// The search's answer: for each item, the index of its choice (None: no change).
pub type Answer = Vec<Option<usize>>;

/// How many nodes the first pass may visit before it stops and says so.
/// A plan found by then is valid and meets the rows; it is only not
/// proven the smallest, and [`Solution::proven`] says which.
pub const BUDGET: u64 = 2_000_000;

#[derive(Debug)]
pub struct Solution {
    pub answer: Answer,
    /// True when no smaller plan exists (the search ran to its end).
    pub proven: bool,
    /// The lower bound at the root: no plan has fewer changes.
    pub bound: u32,
}

/// The smallest set of choices that meets every row, or None when no set
/// does (or none was found within the budget).
/// `start`: each row's numerator and denominator now; `slack`: each row's
/// slack now (negative: short of the target).
pub fn solve(
    items: &[Item],
    rows: &impl Rows,
    start: &[(i64, i64)],
    slack: &[f64],
) -> Option<Solution> {
    let n_rows = rows.count();
    let mut search = Search::new(items, rows, start, slack);
    let bound = (search.lower_bound(0, slack) - ROUNDING).ceil().max(0.0) as u32;
    search.floor = bound;
    if n_rows == 0 {
        return Some(Solution {
            answer: vec![None; items.len()],
            proven: true,
            bound: 0,
        });
    }
    // Pass one: the smallest size.
    search.run();
    let size = search.best_size?;
    if search.exhausted {
        return Some(Solution {
            answer: search.best?,
            proven: false,
            bound,
        });
    }
    // Pass two: the first plan of that size in the order of preference.
    search.limit = size;
    search.first_only = true;
    search.best = None;
    search.best_size = None;
    search.budget = u64::MAX;
    search.run();
    Some(Solution {
        answer: search.best?,
        proven: true,
        bound: size,
    })
}

struct Search<'a, R: Rows> {
    items: &'a [Item],
    rows: &'a R,
    start: Vec<(i64, i64)>,
    slack0: Vec<f64>,
    /// Σ over items i.. of each row's largest gain.
    max_gain: Vec<Vec<f64>>,
    /// The multiplier vectors and, for each, Σ over items i.. of the item's term.
    bounds: Vec<(Vec<f64>, Vec<f64>)>,
    /// The grouped bound: each group's rows, and its Lagrangian (λ, suffix
    /// terms counting only the group's moves).
    groups: Vec<Group>,
    /// For each row: table[i][c] = the most the row can gain from items i..
    /// with at most c changes of its own set (c ≤ TABLE).
    tables: Vec<Vec<Vec<f64>>>,
    limit: u32,
    first_only: bool,
    best: Option<Answer>,
    best_size: Option<u32>,
    done: bool,
    nodes: u64,
    budget: u64,
    exhausted: bool,
    /// No plan is smaller: pass one stops at a plan of this size.
    floor: u32,
}

const ROUNDING: f64 = 1e-6;

/// How many changes of one row's own set the per-row tables count up to;
/// a need beyond it is bounded by TABLE + 1, still a valid lower bound.
const TABLE: usize = 256;

struct Group {
    rows: Vec<usize>,
    lambda: Vec<f64>,
    suffix: Vec<f64>,
}

impl<'a, R: Rows> Search<'a, R> {
    fn new(items: &'a [Item], rows: &'a R, start: &[(i64, i64)], slack: &[f64]) -> Self {
        let n_rows = rows.count();
        let n = items.len();
        let mut max_gain = vec![vec![0.0; n + 1]; n_rows];
        for (k, suffix) in max_gain.iter_mut().enumerate() {
            for i in (0..n).rev() {
                let best = items[i]
                    .choices
                    .iter()
                    .map(|c| c.gain[k])
                    .fold(0.0_f64, f64::max);
                suffix[i] = suffix[i + 1] + best;
            }
        }
        let mut search = Search {
            items,
            rows,
            start: start.to_vec(),
            slack0: slack.to_vec(),
            max_gain,
            bounds: Vec::new(),
            groups: Vec::new(),
            tables: Vec::new(),
            limit: u32::MAX,
            first_only: false,
            best: None,
            best_size: None,
            done: false,
            nodes: 0,
            budget: BUDGET,
            exhausted: false,
            floor: 0,
        };
        let all = u16::MAX;
        let every_row = vec![true; n_rows];
        for lambda in multipliers(items, slack, all, &every_row) {
            let suffix = suffix_terms(items, &lambda, all);
            search.bounds.push((lambda, suffix));
        }
        let supports: Vec<u16> = (0..n_rows).map(|k| rows.support(k)).collect();
        search.tables = (0..n_rows)
            .map(|k| row_table(items, k, supports[k]))
            .collect();
        for rows_of_group in groups(&supports) {
            let mask = rows_of_group.iter().fold(0, |m, &k| m | supports[k]);
            // The group's Lagrangian: only its rows (the others' λ stay 0,
            // so their constraints are not used), only its moves counted.
            let inside: Vec<bool> = (0..n_rows).map(|k| rows_of_group.contains(&k)).collect();
            let lambda = multipliers(items, slack, mask, &inside)
                .pop()
                .unwrap_or_else(|| vec![0.0; n_rows]);
            let suffix = suffix_terms(items, &lambda, mask);
            search.groups.push(Group {
                rows: rows_of_group,
                lambda,
                suffix,
            });
        }
        search
    }

    /// The fewest changes of row k's own set that close its deficit from item i on.
    fn row_bound(&self, k: usize, i: usize, deficit: f64) -> f64 {
        if deficit <= ROUNDING {
            return 0.0;
        }
        let table = &self.tables[k][i];
        // The table never falls as c grows: the first c that reaches the
        // deficit is found by bisection.
        let c = table.partition_point(|g| *g < deficit - ROUNDING);
        if c < table.len() {
            c as f64
        } else {
            (TABLE + 1) as f64
        }
    }

    fn run(&mut self) {
        self.done = false;
        let mut chosen = vec![None; self.items.len()];
        let mut state = self.start.clone();
        let mut slack = self.slack0.clone();
        let mut last_of_class = std::collections::HashMap::new();
        self.node(
            0,
            0,
            &mut chosen,
            &mut state,
            &mut slack,
            &mut last_of_class,
        );
    }

    fn all_met(&self, state: &[(i64, i64)]) -> bool {
        state
            .iter()
            .enumerate()
            .all(|(k, &(num, den))| self.rows.met(k, num, den))
    }

    /// The largest lower bound on the changes still needed from item `i` on.
    fn lower_bound(&self, i: usize, slack: &[f64]) -> f64 {
        let mut best = 0.0_f64;
        for (lambda, suffix) in &self.bounds {
            let deficit: f64 = lambda.iter().zip(slack).map(|(l, s)| -l * s).sum();
            best = best.max(deficit + suffix[i]);
        }
        let mut grouped = 0.0;
        for group in &self.groups {
            let deficit: f64 = group.lambda.iter().zip(slack).map(|(l, s)| -l * s).sum();
            let lagrangian = (deficit + group.suffix[i] - ROUNDING).ceil().max(0.0);
            let rows = group
                .rows
                .iter()
                .map(|&k| self.row_bound(k, i, -slack[k]))
                .fold(0.0_f64, f64::max);
            grouped += lagrangian.max(rows);
        }
        best.max(grouped)
    }

    #[allow(clippy::too_many_arguments)]
    fn node(
        &mut self,
        i: usize,
        used: u32,
        chosen: &mut Answer,
        state: &mut Vec<(i64, i64)>,
        slack: &mut Vec<f64>,
        last_of_class: &mut std::collections::HashMap<usize, usize>,
    ) {
        self.nodes += 1;
        if self.nodes > self.budget {
            self.exhausted = true;
            self.done = true;
        }
        if self.done {
            return;
        }
        if self.all_met(state) {
            // Every further change would only make the plan larger.
            if used <= self.limit {
                self.best = Some(chosen.clone());
                self.best_size = Some(used);
                if self.first_only {
                    self.done = true;
                } else {
                    self.limit = used.saturating_sub(1);
                    if used <= self.floor {
                        self.done = true;
                    }
                }
            }
            return;
        }
        if i == self.items.len() {
            return;
        }
        for (k, s) in slack.iter().enumerate() {
            if -s > self.max_gain[k][i] + ROUNDING {
                return;
            }
        }
        let needed = (self.lower_bound(i, slack) - ROUNDING).ceil().max(0.0) as u32;
        // At least one more change is needed: not every row is met.
        if used.saturating_add(needed.max(1)) > self.limit {
            return;
        }
        let item = &self.items[i];
        let floor = last_of_class.get(&item.class).copied().unwrap_or(0);
        for index in floor..=item.choices.len() {
            let previous = last_of_class.insert(item.class, index);
            match item.choices.get(index) {
                Some(choice) => {
                    if used + choice.cost <= self.limit {
                        for k in 0..slack.len() {
                            slack[k] += choice.gain[k];
                            state[k].0 += choice.delta[k].0;
                            state[k].1 += choice.delta[k].1;
                        }
                        chosen[i] = Some(index);
                        self.node(
                            i + 1,
                            used + choice.cost,
                            chosen,
                            state,
                            slack,
                            last_of_class,
                        );
                        chosen[i] = None;
                        for k in 0..slack.len() {
                            slack[k] -= choice.gain[k];
                            state[k].0 -= choice.delta[k].0;
                            state[k].1 -= choice.delta[k].1;
                        }
                    }
                }
                None => self.node(i + 1, used, chosen, state, slack, last_of_class),
            }
            match previous {
                Some(p) => last_of_class.insert(item.class, p),
                None => last_of_class.remove(&item.class),
            };
            if self.done {
                return;
            }
        }
    }
}

/// The changes of a choice that a bound counts: those in `mask`.
fn counted(c: &Choice, mask: u16) -> f64 {
    f64::from((c.moves & mask).count_ones())
}

/// One item's term of the bound: min(0, min over its choices of cost − λ·gain).
fn term(item: &Item, lambda: &[f64], mask: u16) -> f64 {
    item.choices
        .iter()
        .map(|c| counted(c, mask) - lambda.iter().zip(&c.gain).map(|(l, g)| l * g).sum::<f64>())
        .fold(0.0_f64, f64::min)
}

fn suffix_terms(items: &[Item], lambda: &[f64], mask: u16) -> Vec<f64> {
    let mut suffix = vec![0.0; items.len() + 1];
    for i in (0..items.len()).rev() {
        suffix[i] = suffix[i + 1] + term(&items[i], lambda, mask);
    }
    suffix
}

/// The Lagrangian bound at the root for λ.
fn root_bound(items: &[Item], slack: &[f64], lambda: &[f64], mask: u16) -> f64 {
    let deficit: f64 = lambda.iter().zip(slack).map(|(l, s)| -l * s).sum();
    deficit + items.iter().map(|i| term(i, lambda, mask)).sum::<f64>()
}

/// Rows joined when their own sets of moves overlap (connected components).
fn groups(supports: &[u16]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(u16, Vec<usize>)> = Vec::new();
    for (k, &mask) in supports.iter().enumerate() {
        let mut joined = (mask, vec![k]);
        let mut rest = Vec::new();
        for g in groups {
            if g.0 & joined.0 != 0 {
                joined.0 |= g.0;
                joined.1.extend(g.1);
            } else {
                rest.push(g);
            }
        }
        rest.push(joined);
        groups = rest;
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .map(|(_, mut rows)| {
            rows.sort_unstable();
            rows
        })
        .collect();
    out.sort();
    out
}

/// For row k: the most it can gain from items i.. with at most c changes
/// of its own set `mask`, for c = 0..=TABLE (a max-plus table).
fn row_table(items: &[Item], k: usize, mask: u16) -> Vec<Vec<f64>> {
    let n = items.len();
    let mut table = vec![vec![0.0; TABLE + 1]; n + 1];
    for i in (0..n).rev() {
        // best[j]: the most this item gains with at most j changes of the set.
        let most = items[i]
            .choices
            .iter()
            .map(|c| (c.moves & mask).count_ones() as usize)
            .max()
            .unwrap_or(0);
        let mut best = vec![0.0_f64; most + 1];
        for c in &items[i].choices {
            let j = (c.moves & mask).count_ones() as usize;
            best[j] = best[j].max(c.gain[k]);
        }
        for j in 1..=most {
            best[j] = best[j].max(best[j - 1]);
        }
        let (next, this) = {
            let (head, tail) = table.split_at_mut(i + 1);
            (&tail[0], &mut head[i])
        };
        for c in 0..=TABLE {
            let mut value = f64::NEG_INFINITY;
            for (j, b) in best.iter().enumerate().take(c.min(most) + 1) {
                value = value.max(b + next[c - j]);
            }
            this[c] = value;
        }
    }
    table
}

/// The multipliers the bound is taken with: each short row alone at its
/// best gain per change, and the best found by subgradient ascent.
fn multipliers(items: &[Item], slack: &[f64], mask: u16, inside: &[bool]) -> Vec<Vec<f64>> {
    let n_rows = slack.len();
    let mut out = Vec::new();
    for k in 0..n_rows {
        if slack[k] >= 0.0 || !inside[k] {
            continue;
        }
        let ratio = items
            .iter()
            .flat_map(|i| &i.choices)
            .map(|c| c.gain[k] / counted(c, mask).max(1.0))
            .fold(0.0_f64, f64::max);
        if ratio > 0.0 {
            let mut lambda = vec![0.0; n_rows];
            lambda[k] = 1.0 / ratio;
            out.push(lambda);
        }
    }
    // Subgradient ascent from the sum of the single-row multipliers, with
    // a step that shrinks towards a target a little above the best bound.
    let mut lambda: Vec<f64> = (0..n_rows)
        .map(|k| out.iter().map(|l| l[k]).sum::<f64>())
        .collect();
    let mut best = (root_bound(items, slack, &lambda, mask), lambda.clone());
    let mut scale = 1.0;
    for round in 0..200 {
        // The options each service takes at this λ, and what they gain.
        let mut gained = vec![0.0; n_rows];
        for item in items {
            let mut pick: Option<&Choice> = None;
            let mut value = 0.0;
            for c in &item.choices {
                let v =
                    counted(c, mask) - lambda.iter().zip(&c.gain).map(|(l, g)| l * g).sum::<f64>();
                if v < value {
                    value = v;
                    pick = Some(c);
                }
            }
            if let Some(c) = pick {
                for (sum, g) in gained.iter_mut().zip(&c.gain) {
                    *sum += g;
                }
            }
        }
        let direction: Vec<f64> = (0..n_rows).map(|k| -slack[k] - gained[k]).collect();
        let norm: f64 = direction.iter().map(|d| d * d).sum();
        if norm < 1e-12 {
            break;
        }
        let bound = root_bound(items, slack, &lambda, mask);
        if bound > best.0 {
            best = (bound, lambda.clone());
        } else if round % 20 == 19 {
            scale /= 2.0;
        }
        let goal = best.0.abs().max(1.0) * 0.1 + best.0;
        let step = scale * (goal - bound).max(0.1) / norm;
        for k in 0..n_rows {
            lambda[k] = if inside[k] {
                (lambda[k] + step * direction[k]).max(0.0)
            } else {
                0.0
            };
        }
    }
    out.push(best.1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows met when the numerator reaches a count.
    struct AtLeast(Vec<i64>);
    impl Rows for AtLeast {
        fn count(&self) -> usize {
            self.0.len()
        }
        fn met(&self, k: usize, num: i64, _: i64) -> bool {
            num >= self.0[k]
        }
        fn support(&self, k: usize) -> u16 {
            1 << k
        }
    }

    fn choice(cost: u32, gains: &[i64]) -> Choice {
        // Each row's gain comes from its own move (bit k).
        let moves = gains
            .iter()
            .enumerate()
            .filter(|(_, g)| **g > 0)
            .fold(0u16, |m, (k, _)| m | 1 << k);
        assert_eq!(moves.count_ones(), cost);
        Choice {
            moves,
            cost,
            gain: gains.iter().map(|&g| g as f64).collect(),
            delta: gains.iter().map(|&g| (g, 0)).collect(),
        }
    }

    #[test]
    fn independent_rows_add_up() {
        // Two rows, each needing 3 services' separate changes: 6 in all.
        let items: Vec<Item> = (0..10)
            .map(|_| Item {
                class: 0,
                choices: vec![choice(2, &[1, 1]), choice(1, &[1, 0]), choice(1, &[0, 1])],
            })
            .collect();
        let rows = AtLeast(vec![3, 3]);
        let solution = solve(&items, &rows, &[(0, 0), (0, 0)], &[-3.0, -3.0]).unwrap();
        assert!(solution.proven);
        // The grouped bound sees both rows' needs at the root.
        assert_eq!(solution.bound, 6);
        let answer = solution.answer;
        let size: u32 = answer
            .iter()
            .zip(&items)
            .filter_map(|(a, i)| a.map(|a| i.choices[a].cost))
            .sum();
        assert_eq!(size, 6);
        // Preference: the first services take the larger option.
        assert_eq!(&answer[..3], &[Some(0), Some(0), Some(0)]);
        assert!(answer[3..].iter().all(Option::is_none));
    }

    #[test]
    fn an_unreachable_row_has_no_plan() {
        let items = vec![Item {
            class: 0,
            choices: vec![choice(1, &[1])],
        }];
        assert!(solve(&items, &AtLeast(vec![2]), &[(0, 0)], &[-2.0]).is_none());
    }

    #[test]
    fn met_rows_need_no_change() {
        let items = vec![Item {
            class: 0,
            choices: vec![choice(1, &[1])],
        }];
        let solution = solve(&items, &AtLeast(vec![0]), &[(0, 0)], &[0.0]).unwrap();
        assert_eq!(solution.answer, vec![None]);
    }
}
