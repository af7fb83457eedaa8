//! The exact search for the smallest plan: branch and bound on a linear
//! relaxation, over counts of interchangeable services.
//!
//! Services whose options do the same to every row (same costs, same
//! changes of every numerator and denominator) form a class, and the
//! search decides only how many members of each class take each option:
//! which members take them is a matter of preference (below), not of size.
//! A generated inventory of 400 services has some twenty classes, so the
//! problem the search solves is small even when the inventory is not.
//!
//! Why the answer is exact. For counts `y` (one per class and option) the
//! rows ask `Σ gain·y ≥ need` and a class gives at most its members. The
//! search branches on one count at a time (`y ≤ ⌊v⌋` or `y ≥ ⌈v⌉`), which
//! splits the plans of a node into two parts and loses none, and it drops
//! a node only when a lower bound on every plan in it is no smaller than
//! the best plan already found, or when a row cannot be met in it. The
//! lower bound is the Lagrangian
//!
//! ```text
//!   L(λ) = λ·need + Σ_classes min over the class's counts of Σ (cost − λ·gain)·y
//! ```
//!
//! which is at most the size of every plan in the node for *every* λ ≥ 0
//! (a plan meets the rows, so adding λ·(need − Σ gain·y) ≤ 0 to its size
//! can only lower it, and what is left splits into one minimum per class,
//! each taken over a box and a capacity: exact by filling the capacity with
//! the most negative terms first). The simplex only proposes λ — the dual
//! of the node's linear relaxation, where `L(λ)` equals the relaxation's
//! optimum — so floating-point error in it can weaken a bound, never make
//! it wrong. Sizes are whole numbers, so a bound is rounded up after a
//! small allowance for rounding. A node whose relaxation has a whole-number
//! optimum is solved by it. Every plan the search keeps is checked with the
//! rows' own exact test on the summed numerators and denominators.
//!
//! The rows include cuts (see `cuts`): inequalities every plan meets,
//! made at the root so the relaxation's bound rises. They are computed in
//! whole numbers from rows in whole numbers, so they are exact: the
//! floating-point relaxation only chooses which cut to make.
//!
//! A ratio with no services yet (no denominator) is not met however its
//! numerator stands, which the linear form cannot see; such a row gets a
//! second row asking for a denominator of at least one.
//!
//! Preference. Within a class, the members come in the order the caller
//! gives (its order of preference) and the larger options go to the earlier
//! members. Between plans of the same size that differ in their counts, the
//! search keeps the first it finds, which is deterministic: the greedy
//! first plan, then a depth-first walk that explores raising a count before
//! lowering it.

use super::cuts::{self, Constraint};
use super::simplex::{self, Outcome};

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
    /// Items with the same class have the same options: the same costs
    /// and deltas, option by option.
    pub class: usize,
    pub choices: Vec<Choice>,
}

/// What the rows ask: where each stands and when it is met.
pub trait Rows {
    fn count(&self) -> usize;
    /// Row `k`'s exact test, on its numerator and denominator.
    fn met(&self, k: usize, num: i64, den: i64) -> bool;
    /// The same test in whole numbers, when there is one: `(α, β, γ)`
    /// with `met(num, den)` ⇔ `α·num + β·den ≥ γ` (for a ratio, whenever
    /// den > 0). Its sides are whole numbers, so what a row still needs
    /// is too, which the search's bound can round up.
    fn integer(&self, _k: usize) -> Option<(i64, i64, i64)> {
        None
    }
}

/// The search's answer: for each item, the index of its choice (None: no change).
pub type Answer = Vec<Option<usize>>;

/// How many nodes the search may visit (of a problem of up to
/// [`COUNTS_PER_NODE`] counts) before it stops and says so. A
/// plan found by then is valid and meets the rows; it is only not proven
/// the smallest, and [`Solution::proven`] says which.
pub const BUDGET: u64 = 6_000;

/// The size of problem (in counts) whose nodes take one unit of the
/// budget each; a node of a larger problem takes more (see `node_cost`).
pub const COUNTS_PER_NODE: u64 = 200;

/// How many of the budget's nodes the walk for the preferred plan of the
/// smallest size may visit (most take one; a few thousand would go to
/// choosing between equal plans on some large inventories).
pub const PREFERENCE: u64 = 300;

#[derive(Debug)]
pub struct Solution {
    pub answer: Answer,
    /// True when no smaller plan exists (the search ran to its end).
    pub proven: bool,
    /// No plan has fewer changes (the plan's size when proven).
    pub bound: u32,
}

const ROUNDING: f64 = 1e-6;

/// Prices closer than this are the same (they differ by multiples of the
/// smallest reward, far above it).
const PRICE: f64 = 1e-9;

/// How many fractional counts strong branching tries at a node.
const STRONG: usize = 4;

/// A cut is tried with each of the row's own gains as divisor and with
/// every whole number from 2 to this one (none above the largest gain).
const DIVISORS: i64 = 64;

/// How much a round of cuts must raise the relaxation's value for the
/// next round to be tried.
const IMPROVE: f64 = 1e-3;

/// A multiplier at most this large is a cut the relaxation does not use.
const MULTIPLIER: f64 = 1e-9;

/// How many Gomory cuts a round adds at most (the most broken).
const GOMORY: usize = 20;

/// How many times the root's relaxation is cut and solved again.
const CUT_ROUNDS: usize = 5;

/// How close to a whole number a relaxed count must be to count as one.
const WHOLE: f64 = 1e-6;

/// The most pivots one relaxation may take before its node falls back on
/// its parent's multipliers (still a valid bound, only a weaker one).
const PIVOTS: usize = 5_000;

/// Preference between plans of one size: each change is priced a little
/// below 1, the less the earlier its class's first member comes in the
/// caller's order, so that among plans of the smallest size the search
/// minimises the price — puts its changes on the preferred services. The
/// rewards of a whole plan add up to less than ½, so no plan ever wins on
/// price over a smaller one, and every bound on the price (below) is a
/// bound on the size too.
fn price(vars: &mut [Var], classes: &[Class]) {
    let most = most_changes(vars, classes);
    let epsilon = 0.5 / (most + 1.0);
    let n = classes.len() as f64;
    for v in vars {
        let rank = v.class as f64;
        v.price = v.cost * (1.0 - epsilon * (n - rank) / n);
    }
}

/// The most changes any plan can make: every member of every class
/// taking its class's costliest option.
fn most_changes(vars: &[Var], classes: &[Class]) -> f64 {
    classes
        .iter()
        .map(|class| {
            let most = vars[class.vars.clone()]
                .iter()
                .map(|v| v.cost)
                .fold(0.0, f64::max);
            most * class.members.len() as f64
        })
        .sum()
}

/// How many members of `class` take its option `option`.
#[derive(Clone)]
struct Var {
    /// Its index in the whole problem (a part's vars are a subset).
    global: usize,
    class: usize,
    option: usize,
    cost: f64,
    /// The cost less a small reward for preferred classes (see `price`).
    price: f64,
    /// Its gain on every constraint row.
    a: Vec<f64>,
    delta: Vec<(i64, i64)>,
}

#[derive(Clone)]
struct Class {
    /// The items of the class, in the caller's order.
    members: Vec<usize>,
    vars: std::ops::Range<usize>,
}

/// A part of the search space: bounds on every count.
#[derive(Clone)]
struct Node {
    lo: Vec<u32>,
    hi: Vec<u32>,
    /// The multipliers of the parent, should this node's relaxation stall.
    lambda: Vec<f64>,
    /// The parent's bound on the size of the node's plans.
    needed: u32,
}

/// The best plan so far: its size, its price, its counts.
type Best = (u32, f64, Vec<u32>);

#[derive(Clone, Copy)]
enum Walk {
    /// Only plans smaller than the best.
    Smaller,
    /// Plans of the best size at a lower price.
    Preferred,
}

/// How a walk of the tree ended.
enum Ended {
    /// Every node was explored (or pruned).
    Complete,
    /// The budget ran out, or a plan could not be confirmed.
    Budget,
    /// A smaller plan was found (only a walk for smaller plans stops there).
    Improved,
}

enum Relaxed {
    /// No plan in the node meets the rows.
    Empty,
    Bound {
        bound: f64,
        lambda: Vec<f64>,
        /// The relaxation's optimal counts, when it was solved.
        counts: Option<Vec<f64>>,
    },
}

/// A node's relaxation as the simplex takes it (see `Model::dual`).
struct Dual {
    /// The counts the node leaves open, one row of `a` each.
    open: Vec<usize>,
    /// Each constraint's right side: the rows', then the classes' and the
    /// counts' own rooms (as `−Σ z ≥ −room`).
    p: Vec<f64>,
    /// Each open count's coefficient in every constraint.
    a: Vec<Vec<f64>>,
    /// Each open count's price.
    b: Vec<f64>,
}

struct Model<'a, R: Rows> {
    rows: &'a R,
    start: Vec<(i64, i64)>,
    vars: Vec<Var>,
    classes: Vec<Class>,
    /// Constraint rows: Σ a·y ≥ need.
    need: Vec<f64>,
    /// The caller's row each of the model's own rows stands for (cuts,
    /// made after the split into parts, stand for none and have none).
    origin: Vec<usize>,
    /// The caller's rows whose exact test this model owns.
    checked: Vec<usize>,
    /// Constraint rows in whole numbers (gains and need), which may be rounded.
    whole: Vec<bool>,
    /// More than any plan can cost: a bound above it means no plan.
    ceiling: f64,
    /// Bounds on the size alone, without the preference's rewards (valid
    /// for any λ either way; higher by up to the rewards' sum).
    sizes_only: bool,
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
    let model = Model::new(items, rows, start, slack);
    if model.met(&vec![0; model.vars.len()]) {
        return Some(Solution {
            answer: vec![None; items.len()],
            proven: true,
            bound: 0,
        });
    }
    let mut counts = vec![0; model.vars.len()];
    let (mut proven, mut bound) = (true, 0);
    for mut part in model.split()? {
        let (found, part_proven, part_bound) = part.search()?;
        for (v, y) in part.vars.iter().zip(found) {
            counts[v.global] = y;
        }
        proven &= part_proven;
        bound += part_bound;
    }
    // The parts together meet every row by the exact test, whatever the
    // split: checked once more on the whole.
    if !model.met(&counts) {
        return None;
    }
    Some(Solution {
        answer: model.assign(items.len(), &counts),
        proven,
        bound,
    })
}

impl<'a, R: Rows> Model<'a, R> {
    fn new(items: &[Item], rows: &'a R, start: &[(i64, i64)], slack: &[f64]) -> Self {
        let n_rows = rows.count();
        // Classes in the order of their first member.
        let mut class_of: Vec<(usize, usize)> = Vec::new();
        let mut classes: Vec<Class> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match class_of.iter().find(|(c, _)| *c == item.class) {
                Some(&(_, at)) => classes[at].members.push(i),
                None => {
                    class_of.push((item.class, classes.len()));
                    classes.push(Class {
                        members: vec![i],
                        vars: 0..0,
                    });
                }
            }
        }
        // Ratios with no denominator yet also need one (see the module's
        // note): the rows the linear form counts as met and the exact test
        // does not (a count's denominator is always 0; it is short by its slack).
        let empty: Vec<usize> = (0..n_rows)
            .filter(|&k| {
                start[k].1 == 0 && slack[k] >= -ROUNDING && !rows.met(k, start[k].0, start[k].1)
            })
            .collect();
        let integer: Vec<Option<(i64, i64, i64)>> = (0..n_rows).map(|k| rows.integer(k)).collect();
        let mut need: Vec<f64> = slack
            .iter()
            .zip(&integer)
            .zip(start)
            .map(|((s, whole), &(num, den))| match whole {
                Some((alpha, beta, gamma)) => (gamma - alpha * num - beta * den) as f64,
                None => -s,
            })
            .collect();
        need.extend(empty.iter().map(|_| 1.0));
        let mut vars = Vec::new();
        for (c, class) in classes.iter_mut().enumerate() {
            let first = vars.len();
            for (o, choice) in items[class.members[0]].choices.iter().enumerate() {
                let mut a: Vec<f64> = choice
                    .gain
                    .iter()
                    .zip(&integer)
                    .zip(&choice.delta)
                    .map(|((g, whole), &(dnum, dden))| match whole {
                        Some((alpha, beta, _)) => (alpha * dnum + beta * dden) as f64,
                        None => *g,
                    })
                    .collect();
                a.extend(empty.iter().map(|&k| choice.delta[k].1 as f64));
                vars.push(Var {
                    global: vars.len(),
                    class: c,
                    option: o,
                    cost: f64::from(choice.cost),
                    price: f64::from(choice.cost),
                    a,
                    delta: choice.delta.clone(),
                });
            }
            class.vars = first..vars.len();
        }
        // Rows in whole numbers are made as tight as whole plans allow:
        // divided by the greatest common divisor of their gains, what they
        // need is rounded up (a plan can only gain whole multiples of it);
        // and where no gain is negative, no gain counts for more than the
        // whole need (one such change meets the row either way).
        let whole: Vec<bool> = (0..need.len())
            .map(|r| r >= n_rows || integer[r].is_some())
            .collect();
        for r in (0..need.len()).filter(|&r| whole[r]) {
            let divisor = vars
                .iter()
                .fold(0_u64, |g, v: &Var| cuts::gcd(g, v.a[r].abs() as u64));
            if divisor > 1 {
                let d = divisor as f64;
                for v in &mut vars {
                    v.a[r] /= d;
                }
                need[r] = (need[r] / d).ceil();
            }
            if need[r] > 0.0 && vars.iter().all(|v| v.a[r] >= 0.0) {
                for v in &mut vars {
                    v.a[r] = v.a[r].min(need[r]);
                }
            }
        }
        price(&mut vars, &classes);
        let ceiling = most_changes(&vars, &classes) + 1.0;
        let mut origin: Vec<usize> = (0..n_rows).collect();
        origin.extend(&empty);
        Model {
            rows,
            start: start.to_vec(),
            vars,
            classes,
            need,
            origin,
            checked: (0..n_rows).collect(),
            whole,
            ceiling,
            sizes_only: false,
        }
    }

    /// The independent parts of the problem: counts joined by a row they
    /// both move, or by their class. Parts share no row and no member, so
    /// the smallest plan is the union of each part's smallest plan — and
    /// each part's size is a whole number on its own, so its bound is
    /// rounded up on its own, which the whole's bound cannot do. None when
    /// a row that no count moves is short.
    fn split(&self) -> Option<Vec<Model<'a, R>>> {
        let n = self.vars.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        let join = |parent: &mut Vec<usize>, x: usize, y: usize| {
            let (rx, ry) = (root(parent, x), root(parent, y));
            if rx != ry {
                parent[rx.max(ry)] = rx.min(ry);
            }
        };
        let moves = |j: usize, r: usize| {
            let k = self.origin[r];
            self.vars[j].a[r] != 0.0 || self.vars[j].delta[k] != (0, 0)
        };
        let mut row_var: Vec<Option<usize>> = vec![None; self.need.len()];
        for (r, first) in row_var.iter_mut().enumerate() {
            for j in (0..n).filter(|&j| moves(j, r)) {
                match *first {
                    None => *first = Some(j),
                    Some(f) => join(&mut parent, f, j),
                }
            }
        }
        for class in &self.classes {
            for j in class.vars.clone().skip(1) {
                join(&mut parent, class.vars.start, j);
            }
        }
        // A row no count moves stays as it is.
        for (r, first) in row_var.iter().enumerate() {
            let k = self.origin[r];
            if first.is_none()
                && (self.need[r] > ROUNDING || !self.rows.met(k, self.start[k].0, self.start[k].1))
            {
                return None;
            }
        }
        let mut parts: Vec<(usize, Vec<usize>)> = Vec::new();
        for j in 0..n {
            let r = root(&mut parent, j);
            match parts.iter_mut().find(|(p, _)| *p == r) {
                Some((_, vars)) => vars.push(j),
                None => parts.push((r, vec![j])),
            }
        }
        Some(
            parts
                .into_iter()
                .map(|(r, members)| {
                    let rows: Vec<usize> = (0..self.need.len())
                        .filter(|&i| row_var[i].is_some_and(|j| root(&mut parent, j) == r))
                        .collect();
                    self.part(&members, &rows)
                })
                .collect(),
        )
    }

    /// The model of the given counts (whole classes) and constraint rows.
    fn part(&self, members: &[usize], rows: &[usize]) -> Model<'a, R> {
        let mut classes = Vec::new();
        let mut vars: Vec<Var> = Vec::new();
        for class in &self.classes {
            if !members.contains(&class.vars.start) {
                continue;
            }
            let first = vars.len();
            for j in class.vars.clone() {
                let mut v = self.vars[j].clone();
                v.class = classes.len();
                v.a = rows.iter().map(|&r| self.vars[j].a[r]).collect();
                vars.push(v);
            }
            classes.push(Class {
                members: class.members.clone(),
                vars: first..vars.len(),
            });
        }
        let mut checked: Vec<usize> = rows.iter().map(|&r| self.origin[r]).collect();
        checked.sort_unstable();
        checked.dedup();
        let ceiling = most_changes(&vars, &classes) + 1.0;
        Model {
            rows: self.rows,
            start: self.start.clone(),
            vars,
            classes,
            need: rows.iter().map(|&r| self.need[r]).collect(),
            origin: rows.iter().map(|&r| self.origin[r]).collect(),
            checked,
            whole: rows.iter().map(|&r| self.whole[r]).collect(),
            ceiling,
            sizes_only: false,
        }
    }

    fn capacity(&self, c: usize) -> u32 {
        self.classes[c].members.len() as u32
    }

    /// Members of class `c` not yet bound to an option by the node.
    fn free(&self, node: &Node, c: usize) -> u32 {
        self.capacity(c)
            - self.classes[c]
                .vars
                .clone()
                .map(|j| node.lo[j])
                .sum::<u32>()
    }

    fn price_of(&self, counts: &[u32]) -> f64 {
        counts
            .iter()
            .zip(&self.vars)
            .map(|(y, v)| f64::from(*y) * v.price)
            .sum()
    }

    fn size(&self, counts: &[u32]) -> u32 {
        counts
            .iter()
            .zip(&self.vars)
            .map(|(y, v)| y * v.cost as u32)
            .sum()
    }

    /// The rows' own exact test on the counts.
    fn met(&self, counts: &[u32]) -> bool {
        let mut state = self.start.clone();
        for (y, v) in counts.iter().zip(&self.vars) {
            for (s, d) in state.iter_mut().zip(&v.delta) {
                s.0 += i64::from(*y) * d.0;
                s.1 += i64::from(*y) * d.1;
            }
        }
        self.checked
            .iter()
            .all(|&k| self.rows.met(k, state[k].0, state[k].1))
    }

    /// The linear rows on the counts (with the rounding allowance).
    fn covers(&self, counts: &[u32]) -> bool {
        (0..self.need.len()).all(|k| {
            let have: f64 = counts
                .iter()
                .zip(&self.vars)
                .map(|(y, v)| f64::from(*y) * v.a[k])
                .sum();
            have >= self.need[k] - ROUNDING
        })
    }

    /// Whether every row, alone, can still be met in the node.
    fn reachable(&self, node: &Node) -> bool {
        (0..self.need.len()).all(|k| {
            let mut most = 0.0;
            for (c, class) in self.classes.iter().enumerate() {
                let mut room = self.free(node, c);
                let mut gains: Vec<(f64, u32)> = Vec::new();
                for j in class.vars.clone() {
                    most += f64::from(node.lo[j]) * self.vars[j].a[k];
                    if self.vars[j].a[k] > 0.0 {
                        gains.push((self.vars[j].a[k], node.hi[j] - node.lo[j]));
                    }
                }
                gains.sort_by(|x, y| y.0.total_cmp(&x.0));
                for (g, extra) in gains {
                    let take = extra.min(room);
                    most += g * f64::from(take);
                    room -= take;
                }
            }
            most >= self.need[k] - ROUNDING
        })
    }

    /// L(λ) over the node (see the module's note): valid for any λ ≥ 0.
    fn lagrangian(&self, node: &Node, lambda: &[f64]) -> f64 {
        self.lagrangian_with(node, lambda, self.sizes_only)
    }

    /// L(λ) on the sizes alone or on the prices (with the preference).
    fn lagrangian_with(&self, node: &Node, lambda: &[f64], sizes: bool) -> f64 {
        let reduced = |j: usize| {
            let v = &self.vars[j];
            (if sizes { v.cost } else { v.price })
                - lambda
                    .iter()
                    .zip(&self.vars[j].a)
                    .map(|(l, a)| l.max(0.0) * a)
                    .sum::<f64>()
        };
        let mut total: f64 = lambda
            .iter()
            .zip(&self.need)
            .map(|(l, n)| l.max(0.0) * n)
            .sum();
        for (c, class) in self.classes.iter().enumerate() {
            let mut room = self.free(node, c);
            let mut gains: Vec<(f64, u32)> = Vec::new();
            for j in class.vars.clone() {
                let r = reduced(j);
                total += f64::from(node.lo[j]) * r;
                if r < 0.0 {
                    gains.push((r, node.hi[j] - node.lo[j]));
                }
            }
            gains.sort_by(|x, y| x.0.total_cmp(&y.0));
            for (r, extra) in gains {
                let take = extra.min(room);
                total += r * f64::from(take);
                room -= take;
            }
        }
        total
    }

    /// The node's relaxation in the form the simplex takes: the dual of
    /// `min price·z` over the open counts `z = y − lo ≥ 0`, subject to the
    /// rows, each class's free members and each count's own room.
    fn dual(&self, node: &Node) -> Dual {
        let n_rows = self.need.len();
        let open: Vec<usize> = (0..self.vars.len())
            .filter(|&j| node.hi[j] > node.lo[j] && self.free(node, self.vars[j].class) > 0)
            .collect();
        // Dual variables: λ per row, μ per class with open counts, ν per
        // open count whose own bound is tighter than its class's room.
        let mut p: Vec<f64> = (0..n_rows)
            .map(|k| {
                self.need[k]
                    - node
                        .lo
                        .iter()
                        .zip(&self.vars)
                        .map(|(l, v)| f64::from(*l) * v.a[k])
                        .sum::<f64>()
            })
            .collect();
        let mut mu_of = vec![usize::MAX; self.classes.len()];
        for &j in &open {
            let c = self.vars[j].class;
            if mu_of[c] == usize::MAX {
                mu_of[c] = p.len();
                p.push(-f64::from(self.free(node, c)));
            }
        }
        let mut nu_of = vec![usize::MAX; self.vars.len()];
        for &j in &open {
            let room = node.hi[j] - node.lo[j];
            if room < self.free(node, self.vars[j].class) {
                nu_of[j] = p.len();
                p.push(-f64::from(room));
            }
        }
        let a: Vec<Vec<f64>> = open
            .iter()
            .map(|&j| {
                let mut row = vec![0.0; p.len()];
                row[..n_rows].copy_from_slice(&self.vars[j].a);
                row[mu_of[self.vars[j].class]] = -1.0;
                if nu_of[j] != usize::MAX {
                    row[nu_of[j]] = -1.0;
                }
                row
            })
            .collect();
        let b: Vec<f64> = open.iter().map(|&j| self.vars[j].price).collect();
        Dual { open, p, a, b }
    }

    /// The node's relaxation, solved as its dual by the simplex.
    fn relax(&self, node: &Node) -> Relaxed {
        let n_rows = self.need.len();
        let Dual { open, p, a, b } = self.dual(node);
        match simplex::maximise(&p, &a, &b, PIVOTS) {
            Outcome::Optimal { x, y, .. } => {
                let lambda = x[..n_rows].to_vec();
                let mut counts: Vec<f64> = node.lo.iter().map(|&l| f64::from(l)).collect();
                for (&j, z) in open.iter().zip(&y) {
                    counts[j] += z.max(0.0);
                }
                Relaxed::Bound {
                    bound: self.lagrangian(node, &lambda),
                    lambda,
                    counts: Some(counts),
                }
            }
            Outcome::Unbounded { ray } => {
                // No plan in the node: prove it with the bound itself.
                let direction = &ray[..n_rows];
                let scale = direction.iter().fold(0.0_f64, |m, v| m.max(*v));
                if scale > 0.0 {
                    for t in [1e3, 1e6, 1e9] {
                        let lambda: Vec<f64> = direction.iter().map(|v| v * t / scale).collect();
                        if self.lagrangian(node, &lambda) > self.ceiling {
                            return Relaxed::Empty;
                        }
                    }
                }
                Relaxed::Bound {
                    bound: self.lagrangian(node, &node.lambda),
                    lambda: node.lambda.clone(),
                    counts: None,
                }
            }
            Outcome::Stalled => Relaxed::Bound {
                bound: self.lagrangian(node, &node.lambda),
                lambda: node.lambda.clone(),
                counts: None,
            },
        }
    }

    /// A first plan, from nothing or from the root relaxation's counts
    /// rounded up (which sees how the rows pull together), whichever is
    /// smaller.
    fn first(&self) -> Option<Vec<u32>> {
        let zero = self.greedy(vec![0; self.vars.len()]);
        let rounded = match self.relax(&self.root()) {
            Relaxed::Bound {
                counts: Some(y), ..
            } => {
                let mut counts = vec![0u32; self.vars.len()];
                let mut used = vec![0u32; self.classes.len()];
                for (j, v) in y.iter().enumerate() {
                    let c = self.vars[j].class;
                    let take = (v - ROUNDING).ceil().max(0.0) as u32;
                    let take = take.min(self.capacity(c) - used[c]);
                    counts[j] = take;
                    used[c] += take;
                }
                self.greedy(counts)
            }
            _ => None,
        };
        [zero, rounded]
            .into_iter()
            .flatten()
            .min_by(|x, y| self.price_of(x).total_cmp(&self.price_of(y)))
    }

    /// Completes `counts` by repeatedly taking the option that closes the
    /// most of the rows' remaining needs per change, then drops what the
    /// plan meets the rows without.
    fn greedy(&self, mut counts: Vec<u32>) -> Option<Vec<u32>> {
        let mut used = vec![0u32; self.classes.len()];
        for (y, v) in counts.iter().zip(&self.vars) {
            used[v.class] += y;
        }
        let mut have: Vec<f64> = (0..self.need.len())
            .map(|k| {
                counts
                    .iter()
                    .zip(&self.vars)
                    .map(|(y, v)| f64::from(*y) * v.a[k])
                    .sum()
            })
            .collect();
        loop {
            let short: Vec<usize> = (0..self.need.len())
                .filter(|&k| have[k] < self.need[k] - ROUNDING)
                .collect();
            if short.is_empty() {
                break;
            }
            let mut best: Option<(f64, usize)> = None;
            for (j, v) in self.vars.iter().enumerate() {
                if used[v.class] >= self.capacity(v.class) {
                    continue;
                }
                let mut score = 0.0;
                for ((need, have), a) in self.need.iter().zip(&have).zip(&v.a) {
                    let deficit = need - have;
                    if deficit > ROUNDING {
                        score += a.min(deficit) / deficit;
                    } else if *a < 0.0 && -a > -deficit + ROUNDING {
                        // It would undo a row already met.
                        score -= 1.0;
                    }
                }
                let score = score / v.cost;
                if score > ROUNDING && best.is_none_or(|(s, _)| score > s + ROUNDING) {
                    best = Some((score, j));
                }
            }
            let (_, j) = best?;
            counts[j] += 1;
            used[self.vars[j].class] += 1;
            for (h, a) in have.iter_mut().zip(&self.vars[j].a) {
                *h += a;
            }
        }
        // Drop what the plan meets the rows without, costly options first.
        let mut order: Vec<usize> = (0..self.vars.len()).collect();
        order.sort_by(|&x, &y| self.vars[y].cost.total_cmp(&self.vars[x].cost));
        for j in order {
            while counts[j] > 0 {
                counts[j] -= 1;
                if !self.covers(&counts) || !self.met(&counts) {
                    counts[j] += 1;
                    break;
                }
            }
        }
        self.met(&counts).then_some(counts)
    }

    /// Rounds of cuts at `root` (see `cuts`): each round solves the
    /// relaxation and adds the cuts its optimum breaks: rounding cuts of
    /// single rows and, when `gomory`, Gomory cuts of the optimal
    /// tableau's rows. Rounds stop when one no longer raises the
    /// relaxation's value, and the cuts it then does not use are dropped. Counts
    /// the root holds at 0 are left out, so a cut is valid wherever they
    /// stay 0 (everywhere, when the root holds none). Every cut is in
    /// whole numbers, so a later round may cut it again.
    fn cut(&mut self, root: &Node, gomory: bool) {
        let mut last: Option<f64> = None;
        for round in 0..=CUT_ROUNDS {
            let node = self.widen(root);
            let dual = self.dual(&node);
            let Outcome::Optimal { x, y: z, tableau } =
                simplex::maximise(&dual.p, &dual.a, &dual.b, PIVOTS)
            else {
                return;
            };
            // The relaxation's value (of the open counts); cutting stops
            // when a round no longer raises it.
            let value: f64 = z.iter().zip(&dual.b).map(|(z, b)| z * b).sum();
            if round == CUT_ROUNDS || last.is_some_and(|v| value < v + IMPROVE) {
                self.drop_idle_cuts(&x);
                return;
            }
            last = Some(value);
            let mut y: Vec<f64> = node.lo.iter().map(|&l| f64::from(l)).collect();
            for (&j, z) in dual.open.iter().zip(&z) {
                y[j] += z.max(0.0);
            }
            let mut added = self.rounding_cuts(root, &y);
            if gomory {
                added.extend(self.gomory_cuts(&node, &dual, &tableau, &z, &y));
            }
            if added.is_empty() {
                self.drop_idle_cuts(&x);
                return;
            }
            for (need, a) in added {
                self.need.push(need as f64);
                self.whole.push(true);
                for (v, a) in self.vars.iter_mut().zip(a) {
                    v.a.push(a as f64);
                }
            }
        }
    }

    /// Drops the cuts whose multiplier in the relaxation's optimum `x` (the
    /// dual's solution) is 0: the optimum stays optimal without them, and
    /// every node of the search solves a smaller relaxation.
    fn drop_idle_cuts(&mut self, x: &[f64]) {
        let own = self.origin.len();
        let keep: Vec<bool> = (0..self.need.len())
            .map(|r| r < own || x[r] > MULTIPLIER)
            .collect();
        let mut kept = keep.iter();
        self.need.retain(|_| *kept.next().unwrap_or(&true));
        let mut kept = keep.iter();
        self.whole.retain(|_| *kept.next().unwrap_or(&true));
        for v in &mut self.vars {
            let mut kept = keep.iter();
            v.a.retain(|_| *kept.next().unwrap_or(&true));
        }
    }

    /// How far the relaxation's counts `y` fall short of a cut
    /// `Σ a·y ≥ need`, per unit of the cut's length (0 or less: kept).
    fn broken(a: &[i64], need: i64, y: &[f64]) -> f64 {
        let have: f64 = a.iter().zip(y).map(|(a, y)| *a as f64 * y).sum();
        let norm = a
            .iter()
            .map(|a| (*a as f64).powi(2))
            .sum::<f64>()
            .sqrt()
            .max(1.0);
        (need as f64 - have) / norm
    }

    /// Mixed-integer rounding (MIR) cuts of the rows in whole numbers. For a
    /// row `Σ a·y ≥ b` over whole `y ≥ 0` and any d > 0, with `f` the
    /// fraction of b/d (when it has one) and `f_j` that of a_j/d,
    ///
    /// ```text
    ///   Σ min(⌈a_j/d⌉, ⌊a_j/d⌋ + f_j/f)·y_j ≥ ⌈b/d⌉
    /// ```
    ///
    /// holds for every plan (the mixed-integer rounding inequality of
    /// Nemhauser and Wolsey, written for a `≥` row). It is at least as
    /// strong as the Chvátal–Gomory cut `Σ ⌈a_j/d⌉·y_j ≥ ⌈b/d⌉` and says,
    /// for instance, that ten-point steps cannot close a need of 761 with
    /// 76.1 of them. Counts the relaxation holds near their upper bound
    /// `u` (their class's size) are first complemented, `y = u − ȳ` with
    /// `ȳ ≥ 0` whole, which makes the rounding bite where the relaxation is
    /// (the cut is then written back in `y`). The most broken cut of each
    /// row and form (see below) is returned, as its need and coefficients.
    fn rounding_cuts(&self, root: &Node, y: &[f64]) -> Vec<(i64, Vec<i64>)> {
        let open: Vec<usize> = (0..self.vars.len()).filter(|&j| root.hi[j] > 0).collect();
        let mut added = Vec::new();
        for r in (0..self.need.len()).filter(|&r| self.whole[r]) {
            let upper = |j: usize| i64::from(root.hi[j]);
            // Three forms of the row: as it is; with the counts the
            // relaxation holds near their bound complemented; and with
            // each class the relaxation nearly fills written through its
            // free members `s` (Σ y + s = size of the class, s ≥ 0 whole:
            // adding a multiple of it changes no plan's side), which
            // brings the class's size into the rounding.
            for form in 0..3 {
                // Terms: the open counts, then a class's free members.
                let mut gains: Vec<i64> = open.iter().map(|&j| self.vars[j].a[r] as i64).collect();
                let mut uppers: Vec<i64> = open.iter().map(|&j| upper(j)).collect();
                let mut need = self.need[r] as i64;
                let mut through: Vec<usize> = Vec::new();
                if form == 2 {
                    for (c, class) in self.classes.iter().enumerate() {
                        let members: Vec<usize> = (0..open.len())
                            .filter(|&i| class.vars.contains(&open[i]))
                            .collect();
                        let filled: f64 = members.iter().map(|&i| y[open[i]]).sum();
                        let size = i64::from(self.capacity(c));
                        let Some(&k) = members
                            .iter()
                            .filter(|&&i| gains[i] != 0)
                            .max_by(|&&x, &&y2| y[open[x]].total_cmp(&y[open[y2]]))
                        else {
                            continue;
                        };
                        if filled < size as f64 / 2.0 {
                            continue;
                        }
                        let a_k = gains[k];
                        for &i in &members {
                            gains[i] -= a_k;
                        }
                        gains.push(-a_k);
                        uppers.push(size);
                        need -= a_k * size;
                        through.push(c);
                    }
                    if through.is_empty() {
                        continue;
                    }
                }
                let values: Vec<f64> = open
                    .iter()
                    .map(|&j| y[j])
                    .chain(through.iter().map(|&c| {
                        f64::from(self.capacity(c))
                            - self.classes[c].vars.clone().map(|j| y[j]).sum::<f64>()
                    }))
                    .collect();
                let flip: Vec<bool> = gains
                    .iter()
                    .zip(&uppers)
                    .zip(&values)
                    .map(|((g, u), v)| form == 1 && *g != 0 && *v > *u as f64 / 2.0)
                    .collect();
                if form == 1 && !flip.contains(&true) {
                    continue;
                }
                let largest = gains.iter().map(|g| g.abs()).max().unwrap_or(0);
                let mut divisors: Vec<i64> = gains
                    .iter()
                    .map(|g| g.abs())
                    .filter(|g| *g > 0)
                    .chain(2..=DIVISORS)
                    .filter(|d| *d <= largest)
                    .collect();
                divisors.sort_unstable();
                divisors.dedup();
                let mut most: Option<(f64, i64, Vec<i64>)> = None;
                for d in divisors {
                    let Some((coefficients, mut rhs)) = cuts::mir(&gains, need, &uppers, &flip, d)
                    else {
                        continue;
                    };
                    let mut a = vec![0; self.vars.len()];
                    for (&j, c) in open.iter().zip(&coefficients) {
                        a[j] = *c;
                    }
                    // Back in y: c·s = c·size − c·Σ y over the class.
                    for (&c, coefficient) in through.iter().zip(&coefficients[open.len()..]) {
                        rhs -= coefficient * i64::from(self.capacity(c));
                        for j in self.classes[c].vars.clone().filter(|&j| root.hi[j] > 0) {
                            a[j] -= coefficient;
                        }
                    }
                    let broken = Self::broken(&a, rhs, y);
                    if broken > ROUNDING && most.as_ref().is_none_or(|m| broken > m.0) {
                        most = Some((broken, rhs, a));
                    }
                }
                if let Some((_, rhs, a)) = most {
                    added.push((rhs, a));
                }
            }
        }
        added
    }

    /// Gomory cuts of the relaxation's optimal tableau (see
    /// `cuts::gomory`): one for each count the relaxation leaves
    /// fractional, the [`GOMORY`] most broken returned. The simplex solves
    /// the dual, whose tableau holds the relaxation's: the row of an open
    /// count `z` is the column of its constraint's slack in the dual, read
    /// on the rows whose basic variable is a constraint's multiplier.
    fn gomory_cuts(
        &self,
        node: &Node,
        dual: &Dual,
        tableau: &simplex::Tableau,
        z: &[f64],
        y: &[f64],
    ) -> Vec<(i64, Vec<i64>)> {
        let n = dual.p.len();
        let n_rows = self.need.len();
        let integer = |x: f64| (x.fract() == 0.0 && x.abs() < 1e15).then_some(x as i64);
        let constraints: Vec<Constraint> = (0..n)
            .map(|k| {
                if k < n_rows && !self.whole[k] {
                    return None;
                }
                let row: Option<Vec<i64>> = dual.a.iter().map(|a| integer(a[k])).collect();
                Some((row?, integer(dual.p[k])?))
            })
            .collect();
        let mut found: Vec<(f64, i64, Vec<i64>)> = Vec::new();
        for (open, value) in z.iter().enumerate() {
            let fraction = value - value.floor();
            if !(WHOLE..=1.0 - WHOLE).contains(&fraction) {
                continue;
            }
            let multipliers: Vec<(usize, f64)> = tableau
                .column(n + open)
                .filter(|(basic, _)| *basic < n)
                .collect();
            let Some((g, rhs)) = cuts::gomory(&constraints, &multipliers, dual.open.len()) else {
                continue;
            };
            // In y = lo + z.
            let mut a = vec![0; self.vars.len()];
            let mut need = rhs;
            for (&j, g) in dual.open.iter().zip(&g) {
                a[j] = *g;
                need += g * i64::from(node.lo[j]);
            }
            let broken = Self::broken(&a, need, y);
            if broken > ROUNDING && !found.iter().any(|(_, n, c)| *n == need && *c == a) {
                found.push((broken, need, a));
            }
        }
        found.sort_by(|x, y| y.0.total_cmp(&x.0));
        found
            .into_iter()
            .take(GOMORY)
            .map(|(_, need, a)| (need, a))
            .collect()
    }

    /// `node` with multipliers for every row (cuts add rows).
    fn widen(&self, node: &Node) -> Node {
        let mut node = node.clone();
        node.lambda.resize(self.need.len(), 0.0);
        node
    }

    fn root(&self) -> Node {
        Node {
            lo: vec![0; self.vars.len()],
            hi: self.vars.iter().map(|v| self.capacity(v.class)).collect(),
            lambda: vec![0.0; self.need.len()],
            needed: 0,
        }
    }

    /// Reduced-cost fixing: a count that cannot be raised to 1 without the
    /// bound reaching `size` is 0 in every smaller plan. The root returned
    /// holds those counts at 0, for the search for a smaller plan only.
    fn fix(&self, size: u32) -> Node {
        let mut root = self.root();
        for _ in 0..2 {
            let Relaxed::Bound { lambda, .. } = self.relax(&root) else {
                return root;
            };
            for j in 0..self.vars.len() {
                if root.hi[j] == 0 {
                    continue;
                }
                let mut raised = root.clone();
                raised.lo[j] = 1;
                let needed = (self.lagrangian(&raised, &lambda) - ROUNDING).ceil();
                if needed >= f64::from(size) {
                    root.hi[j] = 0;
                }
            }
        }
        root
    }

    /// The branch and bound; the smallest plan's counts, whether it is
    /// proven the smallest, and the lower bound.
    ///
    /// The root is cut twice: rounding cuts of single rows, then Gomory
    /// cuts as well. The second raises the root's bound most (on every
    /// file of the generated national corpus to the smallest plan's size),
    /// but its cuts are dense, and a relaxation with them costs several
    /// times more; so they give the bound, and the walks for smaller plans
    /// go on the model with the rounding cuts alone.
    ///
    /// Two walks. The first looks only for a plan smaller than the best
    /// so far, from a root where reduced-cost fixing holds many counts at
    /// 0 and with cuts valid there: when it ends within the budget, or
    /// finds a plan of the root's bound, no smaller plan exists. The
    /// second looks, with what is left of the budget, for a plan of the
    /// same size at a lower price (a preferred one) over the whole space,
    /// with the cuts valid everywhere.
    fn search(&mut self) -> Option<(Vec<u32>, bool, u32)> {
        let root = self.root();
        self.cut(&root, false);
        let plain = self.duplicate();
        self.cut(&root, true);
        let root_bound = match self.relax(&self.root()) {
            Relaxed::Empty => return None,
            Relaxed::Bound { lambda, .. } => {
                let root = self.widen(&self.root());
                (self.lagrangian_with(&root, &lambda, true) - ROUNDING)
                    .ceil()
                    .max(0.0) as u32
            }
        };
        let mut best: Option<Best> = self.first().map(|c| (self.size(&c), self.price_of(&c), c));
        let mut budget = BUDGET;
        // The first walk, on a copy of the model that may take cuts valid
        // only where its fixed counts stay 0. A smaller plan found on the
        // way fixes more counts (the bound to beat is lower), so the walk
        // starts again from a root fixed at the new size: each restart
        // lowers the size, so there are at most as many as the first plan's.
        let complete = loop {
            if best.as_ref().is_some_and(|b| b.0 <= root_bound) {
                break true;
            }
            // Sizes only: the preference's small rewards would lower every
            // bound by up to ½ change and keep nodes the size alone prunes.
            // (The relaxations keep them: they break the ties between
            // equal plans, which keeps the branching steady.)
            let mut smaller = plain.duplicate();
            smaller.sizes_only = true;
            let start = match &best {
                Some((size, _, _)) => smaller.fix(*size),
                None => smaller.root(),
            };
            smaller.cut(&start, false);
            let start = smaller.widen(&start);
            let ended = smaller.walk(start, &mut best, &mut budget, Walk::Smaller);
            match ended {
                Ended::Improved if budget > 0 => continue,
                Ended::Complete => break true,
                _ => break false,
            }
        };
        // The copies' counts are this model's (a copy only adds rows).
        if best.is_some() {
            // The preference among plans of the proven size has a budget of
            // its own: it decides which services, never how many changes.
            let mut preference = PREFERENCE.min(budget);
            self.walk(self.root(), &mut best, &mut preference, Walk::Preferred);
        }
        let (size, _, counts) = best?;
        let bound = if complete { size } else { root_bound.min(size) };
        Some((counts, complete, bound))
    }

    /// One walk of the tree from `root`: whether it ended, ran out of
    /// budget (or met a plan it could not confirm), or, looking for smaller
    /// plans, found one.
    fn walk(&self, root: Node, best: &mut Option<Best>, budget: &mut u64, mode: Walk) -> Ended {
        let n = self.vars.len();
        let mut stack = vec![root];
        let mut complete = true;
        while let Some(node) = stack.pop() {
            if *budget == 0 {
                return Ended::Budget;
            }
            *budget = budget.saturating_sub(self.node_cost());
            if !self.reachable(&node) {
                continue;
            }
            let Relaxed::Bound {
                bound,
                lambda,
                counts,
            } = self.relax(&node)
            else {
                continue;
            };
            let needed = (bound - ROUNDING).ceil().max(0.0).min(f64::from(u32::MAX)) as u32;
            let pruned = best.as_ref().is_some_and(|(size, price, _)| match mode {
                Walk::Smaller => needed >= *size,
                Walk::Preferred => needed > *size || bound >= price - PRICE,
            });
            if pruned {
                continue;
            }
            let branch = match &counts {
                // Branching compares bounds with the preference's prices,
                // which tell equal plans apart (pruning uses the sizes').
                Some(counts) => {
                    match self.pick(&node, counts, self.lagrangian_with(&node, &lambda, false)) {
                        Some(j) => Some((j, counts[j].floor() as u32)),
                        None => {
                            let whole: Vec<u32> = counts.iter().map(|v| v.round() as u32).collect();
                            if self.covers(&whole) && self.met(&whole) {
                                let price = self.price_of(&whole);
                                if best.as_ref().is_none_or(|(_, p, _)| price < p - PRICE) {
                                    let size = self.size(&whole);
                                    let smaller = best.as_ref().is_none_or(|(s, _, _)| size < *s);
                                    *best = Some((size, price, whole));
                                    if smaller && matches!(mode, Walk::Smaller) {
                                        return Ended::Improved;
                                    }
                                }
                                // The relaxation's optimum is a plan: nothing
                                // in the node is smaller or cheaper.
                            } else {
                                // Not a plan by the exact test (rounding at
                                // the edge of a row): not proven either way.
                                complete = false;
                            }
                            None
                        }
                    }
                }
                // No relaxed optimum: split the first open count in half.
                None => (0..n)
                    .find(|&j| node.hi[j] > node.lo[j])
                    .map(|j| (j, (node.lo[j] + node.hi[j]) / 2)),
            };
            let Some((j, at)) = branch else {
                continue;
            };
            // Lower child (y ≤ at) below the upper (y ≥ at + 1) on the
            // stack: raising a count is explored first.
            let mut lower = node.clone();
            lower.hi[j] = at.min(node.hi[j]);
            lower.lambda = lambda.clone();
            lower.needed = needed;
            let mut upper = node;
            upper.lo[j] = (at + 1).max(upper.lo[j]);
            upper.lambda = lambda;
            upper.needed = needed;
            if lower.hi[j] >= lower.lo[j] {
                stack.push(lower);
            }
            let c = self.vars[j].class;
            let taken: u32 = self.classes[c].vars.clone().map(|i| upper.lo[i]).sum();
            if upper.lo[j] <= upper.hi[j] && taken <= self.capacity(c) {
                stack.push(upper);
            }
        }
        if complete {
            Ended::Complete
        } else {
            Ended::Budget
        }
    }

    /// What one node takes of the budget: 1 for a problem of up to
    /// [`COUNTS_PER_NODE`] counts, more for a larger one, whose relaxations
    /// cost more each (the tableau grows with the counts): the budget
    /// bounds the time the search takes, not only its nodes.
    fn node_cost(&self) -> u64 {
        (self.vars.len() as u64).div_ceil(COUNTS_PER_NODE).max(1)
    }

    fn duplicate(&self) -> Self {
        Model {
            rows: self.rows,
            start: self.start.clone(),
            vars: self.vars.clone(),
            classes: self.classes.clone(),
            need: self.need.clone(),
            origin: self.origin.clone(),
            checked: self.checked.clone(),
            whole: self.whole.clone(),
            ceiling: self.ceiling,
            sizes_only: self.sizes_only,
        }
    }

    /// The count to branch on: of the most fractional ones, the one whose
    /// two sides raise the bound most (strong branching: each side's
    /// relaxation is solved). A side that holds no plan counts as raised
    /// without end. Which count is chosen never changes the answer, only
    /// how many nodes it takes.
    fn pick(&self, node: &Node, counts: &[f64], bound: f64) -> Option<usize> {
        let mut fractional: Vec<(f64, usize)> = counts
            .iter()
            .enumerate()
            .map(|(j, v)| {
                let part = v - v.floor();
                (part.min(1.0 - part), j)
            })
            .filter(|(distance, _)| *distance > WHOLE)
            .collect();
        fractional.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        if fractional.len() <= 1 {
            return fractional.first().map(|f| f.1);
        }
        let side = |n: &Node| match self.relax(n) {
            Relaxed::Empty => f64::INFINITY,
            Relaxed::Bound { lambda, .. } => self.lagrangian_with(n, &lambda, false),
        };
        let mut best: Option<(f64, usize)> = None;
        for &(_, j) in fractional.iter().take(STRONG) {
            let at = counts[j].floor() as u32;
            let mut lower = node.clone();
            lower.hi[j] = at;
            let mut upper = node.clone();
            upper.lo[j] = at + 1;
            let c = self.vars[j].class;
            let taken: u32 = self.classes[c].vars.clone().map(|i| upper.lo[i]).sum();
            let up = if taken > self.capacity(c) {
                f64::INFINITY
            } else {
                side(&upper)
            };
            let down = side(&lower);
            let score = (down - bound).clamp(1e-6, 1e6) * (up - bound).clamp(1e-6, 1e6);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, j));
            }
        }
        best.map(|b| b.1)
    }

    /// Each item's option: in each class, the members in order take the
    /// options in order, as many of each as the counts say.
    fn assign(&self, n_items: usize, counts: &[u32]) -> Answer {
        let mut answer = vec![None; n_items];
        for class in &self.classes {
            let mut members = class.members.iter();
            for j in class.vars.clone() {
                for _ in 0..counts[j] {
                    if let Some(&i) = members.next() {
                        answer[i] = Some(self.vars[j].option);
                    }
                }
            }
        }
        answer
    }
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
