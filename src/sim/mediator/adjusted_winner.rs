//! Adjusted Winner (Brams and Taylor): two parties spread 100 points over the issues (their weights); each
//! issue first goes to the side that puts more points on it, then issues pass from the side ahead to the
//! side behind, the ones it values least relative to the other first, until both hold the same points.
//! At most one issue is split. The result is equitable, envy-free and efficient.

use super::claim::{self, Claim};
use super::explain::pct;
use super::{Reasoned, confidence_building, nash};
use crate::sim::analysis::{Parties, acceptable, index_of};
use crate::sim::issue::Package;
use crate::sim::outcome::names;
use crate::sim::scenario::Scenario;

/// How the items are divided between parties A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct Division {
    /// The share of each item that goes to A (B has the rest).
    pub to_a: Vec<f64>,
    /// Each party's points for what it gets, by its own measure.
    pub points: [f64; 2],
    /// The item split between them, if any.
    pub split: Option<usize>,
}

/// Divides items between A and B by their points, each having already `base` points from items settled
/// outside the procedure.
pub fn divide(a: &[f64], b: &[f64], base: [f64; 2]) -> Division {
    let n = a.len();
    let mut to_a = vec![0.0; n];
    for i in 0..n {
        if a[i] > b[i] {
            to_a[i] = 1.0;
        }
    }
    // Ties go to the side with fewer points from the items it won outright.
    let won = |to_a: &[f64]| {
        let pa: f64 = base[0] + (0..n).map(|i| to_a[i] * a[i]).sum::<f64>();
        let pb: f64 = base[1] + (0..n).map(|i| (1.0 - to_a[i]) * b[i]).sum::<f64>();
        [pa, pb]
    };
    let untied: [f64; 2] = {
        let pa = base[0] + (0..n).filter(|&i| a[i] > b[i]).map(|i| a[i]).sum::<f64>();
        let pb = base[1] + (0..n).filter(|&i| b[i] > a[i]).map(|i| b[i]).sum::<f64>();
        [pa, pb]
    };
    for i in (0..n).filter(|&i| a[i] == b[i]) {
        to_a[i] = if untied[0] < untied[1] { 1.0 } else { 0.0 };
    }
    let [mut pa, mut pb] = won(&to_a);
    let a_ahead = pa > pb;
    let (mut ahead, mut behind) = if a_ahead { (pa, pb) } else { (pb, pa) };
    let (w, l): (&[f64], &[f64]) = if a_ahead { (a, b) } else { (b, a) };
    let held = |i: usize, to_a: &[f64]| if a_ahead { to_a[i] == 1.0 } else { to_a[i] == 0.0 };
    let mut order: Vec<usize> = (0..n).filter(|&i| held(i, &to_a) && w[i] > 0.0).collect();
    // Ascending ratio w/l, compared as w_i * l_j < w_j * l_i so a zero never divides.
    order.sort_by(|&i, &j| (w[i] * l[j]).total_cmp(&(w[j] * l[i])).then(i.cmp(&j)));
    let mut split = None;
    for i in order {
        if ahead <= behind {
            break;
        }
        if ahead - w[i] >= behind + l[i] {
            ahead -= w[i];
            behind += l[i];
            to_a[i] = if a_ahead { 0.0 } else { 1.0 };
        } else {
            // Keep the share p that evens the points: ahead - w + p w = behind + (1 - p) l.
            let p = (behind + l[i] - (ahead - w[i])) / (w[i] + l[i]);
            ahead = ahead - w[i] + p * w[i];
            behind += (1.0 - p) * l[i];
            to_a[i] = if a_ahead { p } else { 1.0 - p };
            split = Some(i);
            break;
        }
    }
    if a_ahead {
        pa = ahead;
        pb = behind;
    } else {
        pb = ahead;
        pa = behind;
    }
    Division {
        to_a,
        points: [pa, pb],
        split,
    }
}

/// The option between two demands that lies `towards_a` of the way from B's demand to A's.
fn between(demand_a: usize, demand_b: usize, towards_a: f64) -> usize {
    let x = demand_b as f64 + towards_a * (demand_a as f64 - demand_b as f64);
    x.round().max(0.0) as usize
}

/// Divides the issues between the two delegations present by Adjusted Winner, with its reasons; falls back to
/// confidence-building when the division cannot be signed, and to the Nash point with more than two present.
pub fn draft(s: &Scenario, parties: &Parties) -> Reasoned {
    let [x, y] = parties.present[..] else {
        let mut out = nash::draft(s, parties)?;
        out.1.insert(
            0,
            Claim::Method(format!(
                "Adjusted Winner divides between two parties; with {} at the table I table the Nash bargaining point instead.",
                parties.present.len()
            )),
        );
        return Ok(out);
    };
    let (dx, dy) = (&s.delegations[x], &s.delegations[y]);
    let alone = |i: usize, o: usize| Package::OPEN.with(i, Some(o));
    let mut choices: Vec<Option<usize>> = vec![None; s.issues.len()];
    let (mut items, mut a, mut b) = (Vec::new(), Vec::new(), Vec::new());
    let mut base = [0.0; 2];
    let (mut forced, mut blocked_issues, mut tied_but_blocked) = (Vec::new(), Vec::new(), Vec::new());
    for (i, choice) in choices.iter_mut().enumerate() {
        let (ox, oy) = (dx.demands[i], dy.demands[i]);
        let (px, py) = (100.0 * dx.weights[i], 100.0 * dy.weights[i]);
        if ox == oy {
            // Both ask for the same; settle it there unless settling it alone crosses a red line.
            if dx.crossed(alone(i, ox)).is_none() && dy.crossed(alone(i, ox)).is_none() {
                *choice = Some(ox);
            } else {
                tied_but_blocked.push(i);
            }
            continue;
        }
        let x_can = dy.crossed(alone(i, ox)).is_none() && dx.crossed(alone(i, ox)).is_none();
        let y_can = dx.crossed(alone(i, oy)).is_none() && dy.crossed(alone(i, oy)).is_none();
        match (x_can, y_can) {
            (true, true) => {
                items.push(i);
                a.push(px);
                b.push(py);
            }
            (true, false) => {
                *choice = Some(ox);
                base[0] += px;
                forced.push(i);
            }
            (false, true) => {
                *choice = Some(oy);
                base[1] += py;
                forced.push(i);
            }
            (false, false) => blocked_issues.push(i),
        }
    }
    let division = divide(&a, &b, base);
    let mut to_x = Vec::new();
    let mut to_y = Vec::new();
    for (n, &i) in items.iter().enumerate() {
        let share = division.to_a[n];
        if division.split == Some(n) {
            choices[i] = Some(between(dx.demands[i], dy.demands[i], share));
        } else if share == 1.0 {
            choices[i] = Some(dx.demands[i]);
            to_x.push(s.issues[i].name.as_str());
        } else {
            choices[i] = Some(dy.demands[i]);
            to_y.push(s.issues[i].name.as_str());
        }
    }
    for &i in &forced {
        if choices[i] == Some(dx.demands[i]) {
            to_x.push(s.issues[i].name.as_str());
        } else {
            to_y.push(s.issues[i].name.as_str());
        }
    }
    let package = Package::from_choices(&choices);
    let mut why = vec![Claim::Method(format!(
        "Adjusted Winner: each side's 100 points follow its priorities. {} gets its way on {}; {} on {}.",
        dx.name,
        if to_x.is_empty() {
            "nothing outright".into()
        } else {
            names(to_x.into_iter())
        },
        dy.name,
        if to_y.is_empty() {
            "nothing outright".into()
        } else {
            names(to_y.into_iter())
        },
    ))];
    if let Some(n) = division.split {
        let i = items[n];
        why.push(Claim::Method(format!(
            "{} is split: {}% of the way towards {}'s demand, which evens the points.",
            s.issues[i].name,
            pct(division.to_a[n]),
            dx.name
        )));
    }
    // An issue stays out of the division when settling it alone at either side's demand crosses a red line.
    let crossing = |p: Package| {
        [x, y].into_iter().find_map(|d| {
            s.delegations[d]
                .red_lines
                .iter()
                .position(|l| l.crossed_by(p))
                .map(|line| Claim::Crosses {
                    package: p,
                    seat: d,
                    line,
                })
        })
    };
    for &i in &blocked_issues {
        why.push(Claim::Method(format!(
            "{} stays out of the division: settled alone at either side's demand, it crosses a red line.",
            s.issues[i].name
        )));
        for demand in [dx.demands[i], dy.demands[i]] {
            why.extend(crossing(alone(i, demand)));
        }
    }
    for &i in &tied_but_blocked {
        why.push(Claim::Method(format!(
            "{} stays out of the division: both ask for \"{}\", but settled alone it crosses a red line.",
            s.issues[i].name, s.issues[i].options[dx.demands[i]].text
        )));
        why.extend(crossing(alone(i, dx.demands[i])));
    }
    why.push(Claim::Method(format!(
        "Counting the points each side put on the issues in dispute, each gets {:.0}: neither would swap its share for the other's (equitable and envy-free).",
        division.points[0]
    )));
    if !package.is_open() && index_of(s, package).is_some_and(|k| acceptable(s, parties, k)) {
        why.extend(claim::trades(s, parties, package));
        why.push(claim::gains(s, parties, package));
        return Ok((package, why));
    }
    why.push(Claim::Method(format!(
        "But that division ({}) cannot be signed.",
        s.describe(package)
    )));
    why.extend(claim::blocked(s, parties, package));
    confidence_building::instead(s, parties, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envy_free_and_equitable(a: &[f64], b: &[f64], d: &Division) {
        let own_a: f64 = a.iter().zip(&d.to_a).map(|(p, s)| p * s).sum();
        let own_b: f64 = b.iter().zip(&d.to_a).map(|(p, s)| p * (1.0 - s)).sum();
        assert!((own_a - own_b).abs() < 1e-9, "equitable: {own_a} against {own_b}");
        // Envy-free: each values its own share at least as much as the other's.
        assert!(own_a + 1e-9 >= a.iter().sum::<f64>() - own_a);
        assert!(own_b + 1e-9 >= b.iter().sum::<f64>() - own_b);
        assert!(
            d.to_a.iter().filter(|s| **s > 0.0 && **s < 1.0).count() <= 1,
            "at most one split"
        );
    }

    #[test]
    fn bob_and_carol_split_the_retirement_account_five_sixths_to_carol() {
        // Brams and Taylor's divorce example: retirement, home, cottage, investments, other.
        let carol = [50.0, 20.0, 15.0, 10.0, 5.0];
        let bob = [40.0, 30.0, 10.0, 10.0, 10.0];
        let d = divide(&carol, &bob, [0.0; 2]);
        assert_eq!(d.split, Some(0));
        assert!((d.to_a[0] - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(
            &d.to_a[1..],
            &[0.0, 1.0, 0.0, 0.0],
            "Bob: home, investments (the tie), other"
        );
        assert!((d.points[0] - 56.0 - 2.0 / 3.0).abs() < 1e-9);
        envy_free_and_equitable(&carol, &bob, &d);
    }

    #[test]
    fn the_roommates_split_alcohol_use_thirteen_fifteenths_to_phil() {
        // Stereo, smoking, parties, cleanliness, alcohol, phone, lights-out, visitors.
        let mike = [4.0, 10.0, 50.0, 6.0, 15.0, 1.0, 10.0, 4.0];
        let phil = [22.0, 20.0, 25.0, 3.0, 15.0, 8.0, 2.0, 5.0];
        let d = divide(&mike, &phil, [0.0; 2]);
        assert_eq!(d.split, Some(4));
        assert!((d.to_a[4] - 2.0 / 15.0).abs() < 1e-12);
        assert!((d.points[0] - 68.0).abs() < 1e-9 && (d.points[1] - 68.0).abs() < 1e-9);
        envy_free_and_equitable(&mike, &phil, &d);
    }

    #[test]
    fn any_division_is_equitable_and_envy_free() {
        let mut rng = crate::bench::SplitMix64::new(11);
        for _ in 0..500 {
            let n = 2 + (rng.next_u64() % 6) as usize;
            let norm = |v: Vec<f64>| {
                let t: f64 = v.iter().sum();
                v.iter().map(|x| 100.0 * x / t).collect::<Vec<f64>>()
            };
            let a = norm((0..n).map(|_| rng.next_f64() + 0.01).collect());
            let b = norm((0..n).map(|_| rng.next_f64() + 0.01).collect());
            envy_free_and_equitable(&a, &b, &divide(&a, &b, [0.0; 2]));
        }
    }
}
