//! CoNLL exact-span precision, recall and F1, overall and per type.

use crate::tags::{spans, Tag, TYPES};

/// Counts for one type (or overall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans predicted and in the gold data.
    pub correct: usize,
    /// Spans predicted.
    pub predicted: usize,
    /// Spans in the gold data.
    pub gold: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    /// Adds `other`'s counts to these (pooling corpora).
    pub fn absorb(&mut self, other: &Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Evaluation over a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Micro-averaged counts.
    pub overall: Counts,
    /// Per type, in [`TYPES`] order.
    pub per_type: [Counts; 4],
}

impl Evaluation {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let g = spans(gold);
        let p = spans(predicted);
        for &(_, _, k) in &g {
            self.overall.gold += 1;
            self.per_type[k].gold += 1;
        }
        for s in &p {
            self.overall.predicted += 1;
            self.per_type[s.2].predicted += 1;
            if g.contains(s) {
                self.overall.correct += 1;
                self.per_type[s.2].correct += 1;
            }
        }
    }

    /// Adds `other`'s counts to these, overall and per type: the evaluation of both corpora.
    pub fn absorb(&mut self, other: &Evaluation) {
        self.overall.absorb(&other.overall);
        for (a, b) in self.per_type.iter_mut().zip(&other.per_type) {
            a.absorb(b);
        }
    }

    /// A table as text.
    pub fn report(&self) -> String {
        let mut out = format!(
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
            "type", "precision", "recall", "F1", "gold", "pred"
        );
        for (k, c) in self.per_type.iter().enumerate() {
            out.push_str(&format!(
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}\n",
                TYPES[k],
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            ));
        }
        let c = self.overall;
        out.push_str(&format!(
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}\n",
            "overall",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.predicted
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spans_only() {
        let mut e = Evaluation::default();
        // gold: PERS(0..2), LOC(3..4); predicted: PERS(0..1) (wrong boundary), LOC(3..4).
        e.add(&[1, 2, 0, 3], &[1, 0, 0, 3]);
        assert_eq!(e.overall, Counts { correct: 1, predicted: 2, gold: 2 });
        assert_eq!(e.per_type[1].f1(), 1.0);
        assert_eq!(e.per_type[0].f1(), 0.0);
        assert!((e.overall.f1() - 0.5).abs() < 1e-9);
        // Pooling two corpora sums their counts, overall and per type.
        let mut both = e.clone();
        both.absorb(&e);
        assert_eq!(both.overall, Counts { correct: 2, predicted: 4, gold: 4 });
        assert_eq!(both.per_type[1], Counts { correct: 2, predicted: 2, gold: 2 });
    }
}
