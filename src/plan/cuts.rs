//! Cutting planes for the plan's search: inequalities that every whole
//! plan meets and the relaxation's fractional optimum does not, so that the
//! relaxation's bound rises toward the smallest plan's size.
//!
//! Every cut here is computed in whole numbers from rows in whole numbers,
//! so it is exactly valid: the floating-point relaxation only chooses
//! *which* cut to make (a divisor, the multipliers of a combination), and
//! a poor choice gives a weaker cut, never a wrong one. The cuts come back
//! in whole numbers too, so later rounds may cut them again.

/// The largest coefficient (in absolute value) a cut may have: beyond it a
/// cut is dropped, so that its numbers stay exact in a float and the
/// relaxation stays well-conditioned.
const LARGEST: i128 = 1 << 40;

/// The largest common denominator of a tableau row's multipliers that a
/// Gomory cut is made from.
const DENOMINATOR: i64 = 10_000;

/// How close a multiplier, times its denominator, must be to a whole number.
const NEAR: f64 = 1e-9;

pub fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A row `Σ a·y ≥ rhs` in whole numbers, divided by the greatest common
/// divisor of its coefficients with the right side rounded up (Chvátal:
/// every whole `y` keeps a whole left side), or None when a number is too
/// large to keep.
fn whole_row(a: Vec<i128>, rhs: i128) -> Option<(Vec<i64>, i64)> {
    let divisor = a.iter().fold(0_u64, |g, c| gcd(g, c.unsigned_abs() as u64));
    if a.iter().chain([&rhs]).any(|c| c.abs() > LARGEST) {
        return None;
    }
    let d = i128::from(divisor.max(1));
    let a = a.into_iter().map(|c| (c / d) as i64).collect();
    // ⌈rhs / d⌉ for either sign.
    let rhs = (-((-rhs).div_euclid(d))) as i64;
    Some((a, rhs))
}

/// The mixed-integer rounding cut of `Σ gains·y ≥ need` (whole `y` with
/// `0 ≤ y ≤ uppers`) divided by `d`, the counts marked in `flip` first
/// complemented (`y = u − ȳ`, which makes the rounding bite where the
/// relaxation sits near the top of a count): its coefficients on `y` and
/// its need, or None when the rounding has nothing to cut (the need,
/// divided, is a whole number).
///
/// With `f = k/d` the fraction of the divided need, the textbook cut has
/// coefficients `⌊a/d⌋ + min(a mod d, k)/k`; here it is multiplied by `k`
/// to stay in whole numbers.
pub fn mir(
    gains: &[i64],
    need: i64,
    uppers: &[i64],
    flip: &[bool],
    d: i64,
) -> Option<(Vec<i64>, i64)> {
    let d = i128::from(d);
    // In ȳ = u − y for the flipped counts: a·y = a·u − a·ȳ.
    let shifted: i128 = i128::from(need)
        - gains
            .iter()
            .zip(uppers)
            .zip(flip)
            .filter(|(_, f)| **f)
            .map(|((g, u), _)| i128::from(*g) * i128::from(*u))
            .sum::<i128>();
    let k = shifted.rem_euclid(d);
    if k == 0 {
        return None;
    }
    let mut rhs = (shifted.div_euclid(d) + 1) * k;
    let coefficients = gains
        .iter()
        .zip(uppers)
        .zip(flip)
        .map(|((g, u), &flipped)| {
            let x = if flipped {
                -i128::from(*g)
            } else {
                i128::from(*g)
            };
            let (q, r) = (x.div_euclid(d), x.rem_euclid(d));
            let c = if r <= k { q * k + r } else { (q + 1) * k };
            // Back in y: c·ȳ = c·u − c·y.
            if flipped {
                rhs -= c * i128::from(*u);
                -c
            } else {
                c
            }
        })
        .collect();
    whole_row(coefficients, rhs)
}

/// A constraint `Σ a·z ≥ p` over counts `z ≥ 0`, in whole numbers (None
/// when its numbers are not whole: a Gomory cut may not lean on it).
pub type Constraint = Option<(Vec<i64>, i64)>;

/// The Gomory mixed-integer cut of one row of an optimal simplex tableau,
/// for counts `z ≥ 0` (whole) under `constraints` (each with its surplus
/// `Σ a·z − p ≥ 0`, whole too).
///
/// `multipliers` are the tableau row's entries on the constraints'
/// surpluses: the combination of constraints that expresses a basic count
/// through the non-basic variables. They are floats; they are brought to
/// whole numbers over a common denominator `D`, and the combination
/// `Σ u·(a·z − surplus) = Σ u·p` is formed in whole numbers, which is an
/// equation every plan meets whatever `u` is. Its Gomory cut (divided by
/// `D`: `Σ min(f/f₀, (1−f)/(1−f₀))·v ≥ 1` over every variable `v`, with
/// `f` the fractions of the coefficients and `f₀` of the right side) is
/// then valid for every plan, and strong when `u` is the tableau's.
/// The surpluses are written back through their constraints, so the cut
/// is on `z` alone: coefficients and right side, or None when there is
/// nothing to cut or the numbers grow too large.
pub fn gomory(
    constraints: &[Constraint],
    multipliers: &[(usize, f64)],
    n: usize,
) -> Option<(Vec<i64>, i64)> {
    let denominator = multipliers
        .iter()
        .filter(|(_, t)| t.abs() > NEAR)
        .try_fold(1_i64, |d, (_, t)| {
            let q = denominator_of(*t)?;
            let lcm = d / gcd(d as u64, q as u64) as i64 * q;
            (lcm <= DENOMINATOR).then_some(lcm)
        })?;
    let d = i128::from(denominator);
    // u: the multipliers in whole numbers; the combination's coefficients
    // on z and on each surplus (−u), and its right side.
    let mut on_z = vec![0_i128; n];
    let mut on_surplus: Vec<(usize, i128)> = Vec::new();
    let mut right = 0_i128;
    for &(k, t) in multipliers {
        let u = (t * denominator as f64).round() as i128;
        if u == 0 {
            continue;
        }
        let (a, p) = constraints[k].as_ref()?;
        for (z, a) in on_z.iter_mut().zip(a) {
            *z += u * i128::from(*a);
        }
        right += u * i128::from(*p);
        on_surplus.push((k, -u));
    }
    let f0 = right.rem_euclid(d);
    if f0 == 0 {
        return None;
    }
    // In whole numbers: each coefficient times f₀·(D − f₀)/D.
    let gmi = |a: i128| {
        let f = a.rem_euclid(d);
        if f <= f0 { f * (d - f0) } else { (d - f) * f0 }
    };
    let mut cut: Vec<i128> = on_z.iter().map(|&a| gmi(a)).collect();
    let mut rhs = f0 * (d - f0);
    // surplus = a·z − p.
    for (k, a) in on_surplus {
        let c = gmi(a);
        if c == 0 {
            continue;
        }
        let (row, p) = constraints[k].as_ref()?;
        for (z, a) in cut.iter_mut().zip(row) {
            *z += c * i128::from(*a);
        }
        rhs += c * i128::from(*p);
    }
    whole_row(cut, rhs)
}

/// The denominator of the fraction `t` is (up to [`NEAR`]), when it is at
/// most [`DENOMINATOR`]: by continued fractions, whose convergents are the
/// best approximations with small denominators.
fn denominator_of(t: f64) -> Option<i64> {
    // Convergents h/k: each from the two before it.
    let (mut h0, mut h1) = (0_i64, 1_i64);
    let (mut k0, mut k1) = (1_i64, 0_i64);
    let mut x = t;
    for _ in 0..64 {
        let a = x.floor();
        if a.abs() > 1e12 {
            return None;
        }
        let a = a as i64;
        (h0, h1) = (h1, a.checked_mul(h1)?.checked_add(h0)?);
        (k0, k1) = (k1, a.checked_mul(k1)?.checked_add(k0)?);
        if k1 > DENOMINATOR {
            return None;
        }
        if (t - h1 as f64 / k1 as f64).abs() <= NEAR * t.abs().max(1.0) {
            return Some(k1);
        }
        let rest = x - a as f64;
        if rest.abs() < f64::EPSILON {
            return None;
        }
        x = 1.0 / rest;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every whole `z` in a box, for checking cuts by listing the points.
    fn points(uppers: &[i64]) -> Vec<Vec<i64>> {
        uppers.iter().fold(vec![vec![]], |all, &u| {
            all.into_iter()
                .flat_map(|p| {
                    (0..=u).map(move |v| {
                        let mut p = p.clone();
                        p.push(v);
                        p
                    })
                })
                .collect()
        })
    }

    fn dot(a: &[i64], z: &[i64]) -> i64 {
        a.iter().zip(z).map(|(a, z)| a * z).sum()
    }

    proptest::proptest! {
        /// Every whole point of a small box that meets a row meets each of
        /// its MIR cuts, whatever the divisor and the counts complemented:
        /// checked by listing the points.
        #[test]
        fn mir_cuts_keep_every_plan(
            gains in proptest::collection::vec(-12i64..=12, 3),
            uppers in proptest::collection::vec(0i64..=4, 3),
            flip in proptest::collection::vec(proptest::bool::ANY, 3),
            need in -20i64..=40,
            d in 1i64..=13,
        ) {
            if let Some((c, rhs)) = mir(&gains, need, &uppers, &flip, d) {
                for z in points(&uppers) {
                    if dot(&gains, &z) >= need {
                        proptest::prop_assert!(
                            dot(&c, &z) >= rhs,
                            "z = {:?}: {} < {}", z, dot(&c, &z), rhs
                        );
                    }
                }
            }
        }

        /// Whatever the multipliers (the tableau's or any others), a Gomory
        /// cut keeps every whole point of a small box that meets its
        /// constraints: checked by listing the points.
        #[test]
        fn gomory_cuts_keep_every_plan(
            rows in proptest::collection::vec(
                (proptest::collection::vec(-9i64..=9, 3), -10i64..=20), 2..=4),
            multipliers in proptest::collection::vec(-3.0f64..3.0, 4),
            denominator in 1i64..=12,
        ) {
            let uppers = [3_i64; 3];
            // The box's tops as constraints too (−z ≥ −3), as classes are.
            let mut constraints: Vec<Constraint> =
                rows.iter().map(|(a, p)| Some((a.clone(), *p))).collect();
            constraints.push(Some((vec![-1, -1, -1], -6)));
            let multipliers: Vec<(usize, f64)> = multipliers
                .iter()
                .take(constraints.len())
                .enumerate()
                .map(|(k, t)| (k, (t * denominator as f64).round() / denominator as f64))
                .collect();
            if let Some((c, rhs)) = gomory(&constraints, &multipliers, 3) {
                for z in points(&uppers) {
                    let feasible = constraints
                        .iter()
                        .flatten()
                        .all(|(a, p)| dot(a, &z) >= *p);
                    if feasible {
                        proptest::prop_assert!(
                            dot(&c, &z) >= rhs,
                            "z = {:?}: {} < {} (cut {:?})", z, dot(&c, &z), rhs, c
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_mir_cut_rounds_a_need_that_steps_cannot_meet_exactly() {
        // 10·y ≥ 761 is 76.1 steps relaxed, 77 whole: the cut by 10 says so.
        assert_eq!(mir(&[10], 761, &[100], &[false], 10), Some((vec![1], 77)));
        // Complemented (y = 100 − ȳ), the same cut seen from the top.
        assert_eq!(mir(&[10], 761, &[100], &[true], 10), Some((vec![1], 77)));
    }

    #[test]
    fn a_gomory_cut_rounds_a_combination_of_rows() {
        // 2·z0 + 2·z1 ≥ 3 and z0 ≤ 1, z1 ≤ 1 (as −z ≥ −1): the relaxation
        // may take z0 = 1, z1 = ½. The tableau's row for z1 is
        // z1 = ½ + ½·s0 + s1 (s: the surpluses), ½ of the first row and
        // the second; its cut says z0 + z1 ≥ 2.
        let constraints: Vec<Constraint> = vec![
            Some((vec![2, 2], 3)),
            Some((vec![-1, 0], -1)),
            Some((vec![0, -1], -1)),
        ];
        let (c, rhs) = gomory(&constraints, &[(0, 0.5), (1, 1.0)], 2).unwrap();
        let at = |z: [i64; 2]| dot(&c, &z) >= rhs;
        assert!(at([1, 1]));
        assert!(!at([1, 0]) && !at([0, 1]));
        // The relaxation's point is cut off: 2·z ≥ 3 rounded up over z.
        assert_eq!((c, rhs), (vec![1, 1], 2));
    }

    #[test]
    fn denominators_of_fractions() {
        assert_eq!(denominator_of(0.5), Some(2));
        assert_eq!(denominator_of(-7.0 / 3.0), Some(3));
        assert_eq!(denominator_of(4.0), Some(1));
        assert_eq!(denominator_of(17.0 / 391.0), Some(23));
        assert_eq!(denominator_of(std::f64::consts::PI), None);
    }
}
