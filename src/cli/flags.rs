//! `loupan set`'s field flags, made from the field schema: `--name TEXT`, `--people N`,
//! `--since DATE`, `--live-work` / `--no-live-work`, … A field added to the schema is a flag here
//! without a line changed. Values stay text until `Field::parse` checks them as the file would.

use clap::{Arg, ArgAction, ArgMatches, Command};
use loupan_core::fields::{FIELDS, Field, Kind};

/// The fields given on the command line, as typed, in schema order.
#[derive(Debug, Default)]
pub struct FieldFlags {
    pub given: Vec<(Field, String)>,
}

fn negated(key: &str) -> String {
    format!("no-{key}")
}

fn value_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Count => "N",
        Kind::Date => "DATE",
        _ => "TEXT",
    }
}

impl clap::FromArgMatches for FieldFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut given = Vec::new();
        for spec in FIELDS {
            match spec.kind {
                Kind::Status => {}
                Kind::Flag => {
                    if m.get_flag(spec.key) {
                        given.push((spec.field, "yes".to_string()));
                    }
                    if m.get_flag(&negated(spec.key)) {
                        given.push((spec.field, "no".to_string()));
                    }
                }
                _ => {
                    if let Some(v) = m.get_one::<String>(spec.key) {
                        given.push((spec.field, v.clone()));
                    }
                }
            }
        }
        Ok(FieldFlags { given })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for FieldFlags {
    fn augment_args(mut cmd: Command) -> Command {
        for spec in FIELDS {
            // the help texts, in both languages, are help.rs's
            cmd = match spec.kind {
                Kind::Status => cmd,
                Kind::Flag => cmd
                    .arg(
                        Arg::new(spec.key)
                            .long(spec.key)
                            .action(ArgAction::SetTrue)
                            .conflicts_with(negated(spec.key)),
                    )
                    .arg(
                        Arg::new(negated(spec.key))
                            .long(negated(spec.key))
                            .action(ArgAction::SetTrue),
                    ),
                kind => cmd.arg(
                    Arg::new(spec.key)
                        .long(spec.key)
                        .value_name(value_name(kind))
                        .allow_hyphen_values(true),
                ),
            };
        }
        cmd
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}
