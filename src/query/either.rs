//! A word's fields as one union that seeks each field's matches directly.
//!
//! A word is searched in the title and the body: a union of two clauses.
//! tantivy builds a union of terms as a buffered union, which fills a window
//! of 4,096 documents whenever it moves, the fastest way through every
//! match. Inside an intersection ("housing grant", or a word and a filter)
//! the union is asked to seek to each candidate of the rarest clause
//! instead, and refilling the window at each seek is most of the search.
//! [`Either`] seeks each clause and takes the first; its score is the sum of
//! the clauses' scores at that document, as the buffered union's is.

use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// `query` with every union of fields that an intersection holds (a
/// required clause whose clauses are all optional, none of them a boolean
/// query) made an [`Either`]; unions elsewhere, and the top of the query,
/// stay as they are (a union alone is pruned by block-max WAND).
pub fn seekable(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, clause)| match occur {
            Occur::Must => (*occur, required(clause.box_clone())),
            _ => (*occur, clause.box_clone()),
        })
        .collect();
    let mut rebuilt = BooleanQuery::new(clauses);
    rebuilt.set_minimum_number_should_match(boolean.get_minimum_number_should_match());
    Box::new(rebuilt)
}

/// A required clause: a union of fields as an [`Either`], a boolean query
/// looked into, anything else as it is.
fn required(clause: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = clause.downcast_ref::<BooleanQuery>() else {
        return clause;
    };
    let parts = boolean.clauses();
    let union_of_leaves = !parts.is_empty()
        && boolean.get_minimum_number_should_match() <= 1
        && parts.iter().all(|(occur, part)| {
            *occur == Occur::Should && part.downcast_ref::<BooleanQuery>().is_none()
        });
    if union_of_leaves {
        let clauses = parts.iter().map(|(_, part)| part.box_clone()).collect();
        return Box::new(Either { clauses });
    }
    seekable(clause)
}

/// Documents that match any of `clauses`, scored by the sum of those that
/// match.
#[derive(Debug)]
pub struct Either {
    clauses: Vec<Box<dyn Query>>,
}

impl Clone for Either {
    fn clone(&self) -> Self {
        Either {
            clauses: self.clauses.iter().map(|c| c.box_clone()).collect(),
        }
    }
}

impl Query for Either {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|c| c.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(EitherWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct EitherWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for EitherWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for weight in &self.weights {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(EmptyScorer),
            1 => scorers.remove(0),
            _ => Box::new(EitherScorer::new(scorers)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the fields that match", scorer.score());
        for weight in &self.weights {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

/// The union of two or more scorers, none of them finished when it starts.
struct EitherScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl EitherScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>) -> EitherScorer {
        let doc = first(&scorers);
        EitherScorer { scorers, doc }
    }
}

/// The lowest document any of `scorers` is on.
fn first(scorers: &[Box<dyn Scorer>]) -> DocId {
    scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED)
}

impl DocSet for EitherScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for scorer in &mut self.scorers {
            if scorer.doc() == doc {
                scorer.advance();
            }
        }
        self.doc = first(&self.scorers);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for scorer in &mut self.scorers {
            if scorer.doc() < target {
                scorer.seek(target);
            }
        }
        self.doc = first(&self.scorers);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .max()
            .unwrap_or(0)
    }

    /// As the buffered union's: the sum of its clauses' (an intersection
    /// leads with the clause of least cost).
    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for EitherScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut sum: Score = 0.0;
        for scorer in &mut self.scorers {
            if scorer.doc() == doc {
                sum += scorer.score();
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    use super::*;

    const WORDS: [&str; 6] = ["heron", "nest", "pond", "weir", "reed", "bank"];

    /// An index of two fields over `docs` documents of random words (a
    /// short "title" and a longer "text"), in segments of 40.
    fn index(docs: usize) -> (Index, Field, Field) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let mut random = crate::test_random::Lcg(11);
        let mut words = |most: usize| -> String {
            let mut next = || (random.next() >> 33) as usize;
            let count = next() % most;
            (0..count)
                .map(|_| WORDS[next() % WORDS.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        for n in 0..docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(title, words(3));
            doc.add_text(text, words(9));
            writer.add_document(doc).unwrap();
            if n % 40 == 39 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, title, text)
    }

    /// A word in the title (boosted) or the text, as the query parser
    /// writes it.
    fn word(title: Field, text: Field, w: &str) -> Box<dyn Query> {
        let term = |f: Field| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, Box::new(BoostQuery::new(term(title), 2.0))),
            (Occur::Should, term(text)),
        ]))
    }

    fn ranked(index: &Index, query: &dyn Query) -> Vec<(DocAddress, f32)> {
        let searcher = index.reader().unwrap().searcher();
        let mut top: Vec<(DocAddress, f32)> = searcher
            .search(query, &TopDocs::with_limit(10_000).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address, score))
            .collect();
        top.sort_by_key(|(a, _)| *a);
        top
    }

    #[test]
    fn words_in_either_field_match_and_score_as_the_union_does() {
        let (index, title, text) = index(400);
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() >= 10);
        let mut checked = 0;
        for (i, a) in WORDS.iter().enumerate() {
            for b in &WORDS[i + 1..] {
                let parsed = || {
                    BooleanQuery::new(vec![
                        (Occur::Must, word(title, text, a)),
                        (Occur::Must, word(title, text, b)),
                    ])
                };
                let plain = parsed();
                let rewritten = seekable(Box::new(parsed()));
                let either = rewritten
                    .downcast_ref::<BooleanQuery>()
                    .map(|q| q.clauses().iter().filter(|(_, c)| c.is::<Either>()).count());
                assert_eq!(either, Some(2), "both words made an Either");
                let (want, got) = (ranked(&index, &plain), ranked(&index, &*rewritten));
                assert!(!want.is_empty(), "{a} {b}");
                assert_eq!(
                    want.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
                    got.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
                    "{a} {b}: the same documents"
                );
                for ((_, w), (_, g)) in want.iter().zip(&got) {
                    assert!((w - g).abs() <= 1e-5 * w.abs().max(1.0), "{a} {b}: {w} {g}");
                }
                let counted = |q: &dyn Query| searcher.search(q, &tantivy::collector::Count);
                assert_eq!(counted(&plain).unwrap(), counted(&*rewritten).unwrap());
                checked += 1;
            }
        }
        assert_eq!(checked, 15);
    }

    #[test]
    fn only_unions_an_intersection_holds_are_rewritten() {
        let (_, title, text) = index(0);
        // One word alone stays a union, which block-max WAND prunes.
        let alone = seekable(word(title, text, "heron"));
        assert!(alone.is::<BooleanQuery>());
        // Words of which any may match: their union is no intersection's.
        let any = BooleanQuery::new(vec![
            (Occur::Should, word(title, text, "heron")),
            (Occur::Should, word(title, text, "nest")),
        ]);
        let any = seekable(Box::new(any));
        let clauses = any
            .downcast_ref::<BooleanQuery>()
            .map(BooleanQuery::clauses);
        assert!(clauses.is_some_and(|c| c.iter().all(|(_, q)| q.is::<BooleanQuery>())));
        // Two words under a filter: looked into.
        let filter: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(text, "pond"),
            IndexRecordOption::Basic,
        ));
        let words = BooleanQuery::new(vec![
            (Occur::Must, word(title, text, "heron")),
            (Occur::Must, word(title, text, "nest")),
        ]);
        let nested = seekable(Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(words)),
            (Occur::Must, filter),
        ])));
        let outer = nested
            .downcast_ref::<BooleanQuery>()
            .map(BooleanQuery::clauses);
        let inner = outer
            .and_then(|c| c.first())
            .and_then(|(_, q)| q.downcast_ref::<BooleanQuery>())
            .map(BooleanQuery::clauses);
        assert!(inner.is_some_and(|c| c.iter().all(|(_, q)| q.is::<Either>())));
        assert!(outer.is_some_and(|c| c[1].1.is::<TermQuery>()));
    }
}
