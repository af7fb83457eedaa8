//! A small dense simplex for the plan's linear relaxations:
//! maximise `p·x` subject to `A x ≤ b`, `x ≥ 0`, with `b ≥ 0`.
//!
//! `b ≥ 0` makes the slack basis feasible, so one phase suffices; the
//! search only ever asks this form (the dual of its covering problem,
//! whose right-hand sides are the changes' costs). The answers are only
//! proposals: the search turns the multipliers into a bound by a formula
//! that is valid for any multipliers (see `solve`), so rounding here can
//! weaken a bound but never make it wrong.

/// What the simplex found.
#[derive(Debug)]
pub enum Outcome {
    /// The optimum: `x`, the dual values `y` (one per row of `A`), and
    /// the final tableau.
    Optimal {
        x: Vec<f64>,
        y: Vec<f64>,
        tableau: Tableau,
    },
    /// The objective grows without end along `ray` (x ≥ 0).
    Unbounded { ray: Vec<f64> },
    /// The pivot limit was reached first.
    Stalled,
}

const EPS: f64 = 1e-9;

/// How many degenerate pivots in a row before Bland's rule takes over
/// (it cannot cycle; the largest-coefficient rule is faster until then).
const DEGENERATE: usize = 50;

pub fn maximise(p: &[f64], a: &[Vec<f64>], b: &[f64], max_pivots: usize) -> Outcome {
    let m = a.len();
    let n = p.len();
    let width = n + m + 1;
    // Rows 0..m: [A | I | b]; row m: [−p | 0 | 0] (reduced costs).
    let mut t = vec![0.0; (m + 1) * width];
    for i in 0..m {
        let row = &mut t[i * width..(i + 1) * width];
        row[..n].copy_from_slice(&a[i]);
        row[n + i] = 1.0;
        row[width - 1] = b[i].max(0.0);
    }
    for (j, pj) in p.iter().enumerate() {
        t[m * width + j] = -pj;
    }
    let mut basic: Vec<usize> = (n..n + m).collect();
    let mut degenerate = 0;
    for _ in 0..max_pivots {
        let objective = &t[m * width..(m + 1) * width - 1];
        let entering = if degenerate < DEGENERATE {
            objective
                .iter()
                .enumerate()
                .filter(|(_, c)| **c < -EPS)
                .min_by(|x, y| x.1.total_cmp(y.1))
                .map(|(j, _)| j)
        } else {
            objective.iter().position(|c| *c < -EPS)
        };
        let Some(e) = entering else {
            let mut x = vec![0.0; n];
            for (i, &v) in basic.iter().enumerate() {
                if v < n {
                    x[v] = t[i * width + width - 1];
                }
            }
            let y = (0..m).map(|i| t[m * width + n + i]).collect();
            return Outcome::Optimal {
                x,
                y,
                tableau: Tableau { t, width, basic },
            };
        };
        // Ratio test; ties go to the smallest basic variable (Bland).
        let mut leaving: Option<(usize, f64)> = None;
        for i in 0..m {
            let coefficient = t[i * width + e];
            if coefficient > EPS {
                let ratio = t[i * width + width - 1] / coefficient;
                let better = match leaving {
                    None => true,
                    Some((l, r)) => ratio < r - EPS || (ratio <= r + EPS && basic[i] < basic[l]),
                };
                if better {
                    leaving = Some((i, ratio));
                }
            }
        }
        let Some((l, ratio)) = leaving else {
            // The entering column may be a slack's: x moves only through
            // the basic variables then.
            let mut ray = vec![0.0; n];
            if e < n {
                ray[e] = 1.0;
            }
            for (i, &v) in basic.iter().enumerate() {
                if v < n {
                    ray[v] = (-t[i * width + e]).max(0.0);
                }
            }
            return Outcome::Unbounded { ray };
        };
        degenerate = if ratio <= EPS { degenerate + 1 } else { 0 };
        pivot(&mut t, width, m, l, e);
        basic[l] = e;
    }
    Outcome::Stalled
}

/// The optimal tableau `[B⁻¹A | B⁻¹ | B⁻¹b]`, read by column: the
/// variables are `x` (0..n) then the slacks of the rows (n..n+m).
#[derive(Debug)]
pub struct Tableau {
    t: Vec<f64>,
    width: usize,
    basic: Vec<usize>,
}

impl Tableau {
    /// Column `col` of the tableau: each row's basic variable and entry.
    pub fn column(&self, col: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.basic
            .iter()
            .enumerate()
            .map(move |(i, &b)| (b, self.t[i * self.width + col]))
    }
}

fn pivot(t: &mut [f64], width: usize, m: usize, l: usize, e: usize) {
    let scale = 1.0 / t[l * width + e];
    for v in &mut t[l * width..(l + 1) * width] {
        *v *= scale;
    }
    // Only the pivot row's nonzero entries change the other rows (most of
    // a tableau of gains and slacks is zero); `v − f·0` would leave `v` as
    // it is, so skipping them gives the same numbers, bit for bit.
    let pivot_row: Vec<(usize, f64)> = t[l * width..(l + 1) * width]
        .iter()
        .enumerate()
        .filter(|(_, v)| **v != 0.0)
        .map(|(j, v)| (j, *v))
        .collect();
    for i in 0..=m {
        if i == l {
            continue;
        }
        let factor = t[i * width + e];
        if factor.abs() <= f64::EPSILON {
            continue;
        }
        let row = &mut t[i * width..(i + 1) * width];
        for &(j, pv) in &pivot_row {
            row[j] -= factor * pv;
        }
        row[e] = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_textbook_problem() {
        // max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: x = 2, y = 6, value 36;
        // the dual values are 0, 3/2, 1.
        let a = vec![vec![1.0, 0.0], vec![0.0, 2.0], vec![3.0, 2.0]];
        let Outcome::Optimal { x, y, .. } = maximise(&[3.0, 5.0], &a, &[4.0, 12.0, 18.0], 100)
        else {
            panic!("not optimal");
        };
        assert!((x[0] - 2.0).abs() < 1e-9 && (x[1] - 6.0).abs() < 1e-9);
        assert!(y[0].abs() < 1e-9 && (y[1] - 1.5).abs() < 1e-9 && (y[2] - 1.0).abs() < 1e-9);
    }

    #[test]
    fn an_unbounded_problem_gives_its_ray() {
        // max x + y, x − y ≤ 1: grows along (1, 1).
        let Outcome::Unbounded { ray } = maximise(&[1.0, 1.0], &[vec![1.0, -1.0]], &[1.0], 100)
        else {
            panic!("not unbounded");
        };
        assert!((ray[0] - 1.0).abs() < 1e-9 && (ray[1] - 1.0).abs() < 1e-9);
    }
}
