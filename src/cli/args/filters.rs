//! The filters of every command that lists records.

use chrono::NaiveDate;
use clap::Args;

use super::{KindArg, OutcomeArg, parse_date_arg};

/// Filters shared by every command that lists records.
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    #[command(flatten)]
    pub record: RecordFilterArgs,

    /// Only records whose text the latest 'minutes index' run indexed for the first time: new and changed records (a renamed file or a rebuild brings none).
    #[arg(long)]
    pub new: bool,

    /// Only records whose text was first indexed on or after DATE (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub indexed_since: Option<NaiveDate>,
}

/// The filters on what a record is (kept by saved searches too).
#[derive(Debug, Args, Default, Clone)]
pub struct RecordFilterArgs {
    /// Only records whose council's name has all these words (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub council: Option<String>,

    /// Only records whose committee's name has all these words (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub committee: Option<String>,

    /// Only records dated on or after DATE (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: Option<NaiveDate>,

    /// Only records dated on or before DATE (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub to: Option<NaiveDate>,

    /// Only records of this kind.
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindArg>,

    /// Only resolutions whose text says they went this way (resolutions "RESOLVED" or "agreed" without another outcome count as carried).
    #[arg(long, value_enum, value_name = "OUTCOME")]
    pub outcome: Option<OutcomeArg>,

    /// Only records tagged with this topic or one below it ("children" finds /children/social-care).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
}
