//! `/trends`: matching records per council (committee, kind) and year
//! (month), as a chart drawn on the server (SVG, no script), its table,
//! and a CSV link.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use maud::{Markup, html};

use super::{Section, layout, respond};
use crate::search::{self, Trend, TrendRow};
use crate::serve::params::Params;
use crate::serve::{Current, WebError, blocking};

/// Values drawn as their own line; the rest are summed as "other".
const SERIES: usize = 6;
const COLOURS: [&str; SERIES + 1] = [
    "#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6a4c93", "#00798c", "#8d8d8d",
];

/// `GET /trends`.
pub async fn page(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let params = Params::parse(raw.as_deref())?;
        let (dims, names) = params.trend_dims()?;
        let filters = params.filters()?;
        let q = params.q.clone();
        let trend = blocking(&current, move |open| {
            Ok(search::trends(open, &q, &filters, dims)?)
        })
        .await?;
        Ok::<_, WebError>(render(&params, &trend, names))
    }
    .await;
    respond(result)
}

fn render(params: &Params, trend: &Trend, [by, per]: [&str; 2]) -> Markup {
    let qs = params.query_string();
    let body = html! {
        h1 { "Trends" }
        form.search action="/trends" method="get" {
            div.grid {
                label { "Words " input type="search" name="q" value=(params.q); }
                label { "Count by "
                    select name="by" {
                        @for b in ["council", "committee", "kind"] { option value=(b) selected[by == b] { (b) } }
                    }
                }
                label { "Per "
                    select name="per" {
                        @for p in ["year", "month"] { option value=(p) selected[per == p] { (p) } }
                    }
                }
                label { "Council " input type="text" name="council" value=(params.council); }
                label { "Committee " input type="text" name="committee" value=(params.committee); }
                label { "From " input type="date" name="from" value=(params.from); }
                label { "To " input type="date" name="to" value=(params.to); }
            }
            button type="submit" { "Count" }
        }
        @for w in &trend.warnings { p.warning { (w) } }
        p.count role="status" {
            strong { (trend.total) } " matching records"
            " · as " a href={ "/trends.csv?" (qs) } { "CSV" }
        }
        @if !trend.rows.is_empty() {
            figure {
                (chart(&trend.rows))
                figcaption {
                    "Matching records per " (by) " and " (per) "."
                    @let undated: u64 = trend.rows.iter().filter(|r| r.period == "undated").map(|r| r.records).sum();
                    @if undated > 0 { " " (undated) " undated records are in the table, not the chart." }
                }
            }
            div.scroll {
                table.trend {
                    thead { tr { th scope="col" { (by) } th scope="col" { (per) } th scope="col" { "records" } th scope="col" { "documents" } } }
                    tbody {
                        @for r in &trend.rows {
                            tr { td { (r.value) } td { (r.period) } td { (r.records) } td { (r.documents) } }
                        }
                    }
                }
            }
        }
    };
    layout("Trends", Section::Trends, body)
}

/// The periods of the time axis, without gaps: every year (or month)
/// from the first to the last, so distances on the chart are times.
/// Undated records have no place on it (the table has them).
fn axis(rows: &[TrendRow]) -> Vec<String> {
    let mut dated: Vec<&str> = rows
        .iter()
        .map(|r| r.period.as_str())
        .filter(|p| p.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    dated.sort_unstable();
    dated.dedup();
    let month = |p: &str| -> Option<i64> {
        let (y, m) = p.split_once('-')?;
        Some(y.parse::<i64>().ok()? * 12 + m.parse::<i64>().ok()? - 1)
    };
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return Vec::new();
    };
    if let (Ok(a), Ok(b)) = (first.parse::<i64>(), last.parse::<i64>())
        && b - a < MAX_POINTS
    {
        return (a..=b).map(|y| y.to_string()).collect();
    }
    if let (Some(a), Some(b)) = (month(first), month(last))
        && b - a < MAX_POINTS
    {
        return (a..=b)
            .map(|m| format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1))
            .collect();
    }
    dated.into_iter().map(str::to_owned).collect()
}

/// The most periods an axis is filled out to.
const MAX_POINTS: i64 = 600;

/// A line per value (the biggest [`SERIES`], the rest as "other") across
/// the periods, with axes, a legend and each point's count as a tooltip.
fn chart(rows: &[TrendRow]) -> Markup {
    let periods = axis(rows);
    let periods: Vec<&str> = periods.iter().map(String::as_str).collect();
    if periods.is_empty() {
        return html! { p.count { "No dated records to chart." } };
    }
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for r in rows {
        *totals.entry(&r.value).or_default() += r.records;
    }
    let mut values: Vec<(&str, u64)> = totals.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named: Vec<&str> = values.iter().take(SERIES).map(|v| v.0).collect();
    let mut series: Vec<(String, Vec<u64>)> = named
        .iter()
        .map(|v| ((*v).to_owned(), vec![0; periods.len()]))
        .collect();
    if values.len() > SERIES {
        series.push(("other".to_owned(), vec![0; periods.len()]));
    }
    for r in rows {
        let Some(at) = periods.iter().position(|p| *p == r.period) else {
            continue;
        };
        let line = named.iter().position(|v| *v == r.value).unwrap_or(SERIES);
        if let Some(count) = series.get_mut(line).and_then(|s| s.1.get_mut(at)) {
            *count += r.records;
        }
    }
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, h, left, bottom, top) = (720.0_f64, 260.0_f64, 48.0_f64, 40.0_f64, 12.0_f64);
    let plot_w = w - left - 40.0;
    let plot_h = h - bottom - top;
    let step = if periods.len() > 1 {
        plot_w / (periods.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| {
        left + step * i as f64
            + if periods.len() == 1 {
                plot_w / 2.0
            } else {
                0.0
            }
    };
    let y = |n: u64| top + plot_h - plot_h * n as f64 / max as f64;
    let label_every = periods.len().div_ceil(12).max(1);
    html! {
        svg.chart viewBox={ "0 0 " (w) " " (h + 20.0 * series.len().div_ceil(3) as f64) } role="img" aria-label="matching records per period" xmlns="http://www.w3.org/2000/svg" {
            line x1=(left) y1=(top + plot_h) x2=(left + plot_w) y2=(top + plot_h) stroke="#444" {}
            line x1=(left) y1=(top) x2=(left) y2=(top + plot_h) stroke="#444" {}
            text x=(left - 6.0) y=(top + 4.0) text-anchor="end" font-size="11" { (max) }
            text x=(left - 6.0) y=(top + plot_h) text-anchor="end" font-size="11" { "0" }
            @for (i, p) in periods.iter().enumerate() {
                @if i % label_every == 0 {
                    text x=(x(i)) y=(top + plot_h + 16.0) text-anchor="middle" font-size="11" { (p) }
                }
            }
            @for (k, (name, counts)) in series.iter().enumerate() {
                @let colour = COLOURS.get(k).copied().unwrap_or("#000");
                @let points = counts.iter().enumerate().map(|(i, n)| format!("{:.1},{:.1}", x(i), y(*n))).collect::<Vec<_>>().join(" ");
                polyline points=(points) fill="none" stroke=(colour) stroke-width="2" {}
                @for (i, n) in counts.iter().enumerate() {
                    circle cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(*n))) r="3" fill=(colour) {
                        title { (name) ", " (periods.get(i).copied().unwrap_or_default()) ": " (n) }
                    }
                }
                @let lx = left + (k % 3) as f64 * (plot_w / 3.0);
                @let ly = h + 4.0 + 20.0 * (k / 3) as f64;
                rect x=(lx) y=(ly - 9.0) width="10" height="10" fill=(colour) {}
                text x=(lx + 14.0) y=(ly) font-size="12" { (name) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str) -> TrendRow {
        TrendRow {
            value: "A".into(),
            period: period.into(),
            records: 1,
            documents: 1,
        }
    }

    #[test]
    fn the_axis_has_every_period_between_the_first_and_last_and_no_undated() {
        let years = axis(&[row("2017"), row("undated"), row("2014")]);
        assert_eq!(years, ["2014", "2015", "2016", "2017"]);
        let months = axis(&[row("2018-11"), row("2019-02")]);
        assert_eq!(months, ["2018-11", "2018-12", "2019-01", "2019-02"]);
        assert!(axis(&[row("undated")]).is_empty());
        let chart = chart(&[row("undated")]).into_string();
        assert!(chart.contains("No dated records") && !chart.contains("<svg"));
    }
}
