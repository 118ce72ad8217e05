//! Commands that write: set, new, fmt. All go through `store::write`.

use super::flags::FieldFlags;
use super::{Ctx, Fail, Res};
use loupan_core::codec;
use loupan_core::codec::Located;
use loupan_core::display::inline;
use loupan_core::edit::{Change, Patch, UnitEdit};
use loupan_core::exit::Exit;
use loupan_core::fields::{Field, Value};
use loupan_core::i18n::{Lang, Text};
use loupan_core::ids::BuildingId;
use loupan_core::status::Status;
use loupan_core::tr;
use loupan_store::{WriteError, load};

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    pub building: String,
    pub unit: String,
    pub status: Option<String>,
    #[command(flatten)]
    pub fields: FieldFlags,
}

/// The unit's isolation start as the file holds it now, for an end typed as `+N`.
fn current_since(ctx: &Ctx<'_>, a: &SetArgs) -> Option<jiff::civil::Date> {
    let id = ctx.station.resolve(&a.building).ok()?;
    let b = ctx.station.load(&id).building.ok()?;
    b.units[b.find(&a.unit)?].record.since.get()
}

/// The patch the arguments ask for, every value checked as the file format checks it.
fn patch_of(ctx: &Ctx<'_>, a: &SetArgs) -> Result<Patch, Text> {
    let mut p = Patch::new();
    let given = a
        .status
        .iter()
        .map(|s| (Field::Status, s.clone()))
        .chain(a.fields.given.iter().cloned());
    for (field, text) in given {
        let parsed = match field {
            // `+N` for the end counts from the start: the one given, else the unit's own
            Field::Until => {
                let since = match p.get(Field::Since) {
                    Some(Value::Date(d)) => *d,
                    _ => current_since(ctx, a),
                };
                loupan_core::isolation::parse_until(&text, since, ctx.today)
            }
            f => f.parse(&text, ctx.today),
        };
        let v = parsed.map_err(|m| {
            let t = inline(&text);
            // the status is given as a word, every other field as a flag
            let (en, zh) = match field {
                Field::Status => (format!("status {t}"), format!("状态 {t}")),
                _ => (
                    format!("--{} {t}", field.key()),
                    format!("--{} {t}", field.key()),
                ),
            };
            Text::new(format!("{en}: {}", m.en), format!("{zh}：{}", m.zh))
        })?;
        p.set(field, v);
    }
    if p.is_empty() {
        let (b, u) = (inline(&a.building), inline(&a.unit));
        return Err(tr!(
            "nothing to set: give a status or a field, e.g. `loupan set {b} {u} isolating --since today`",
            "没有要修改的内容：请给出状态或字段，例如 `loupan set {b} {u} 居家隔离 --since 今天`"
        ));
    }
    // the unit as it is when the lock is taken is not known here: an isolation set without a
    // start starts today unless the unit already records one
    loupan_core::isolation::start_in(&mut p, None, ctx.today);
    Ok(p)
}

/// A status asked for a unit companies occupy, where their rule gave another: said why.
fn follows_companies(
    ctx: &mut Ctx<'_>,
    b: &loupan_core::model::Building,
    unit: &str,
    asked: Option<&str>,
) {
    let Some(i) = b.find(unit) else { return };
    let (label, now) = (&b.units[i].label, b.units[i].record.status);
    let hosted = b.companies.iter().any(|c| c.in_unit(label));
    if !hosted || asked.and_then(Status::parse).is_none_or(|s| s == now) {
        return;
    }
    let (u, en, zh) = (inline(label), now.key(), now.zh());
    ctx.say(&tr!(
        "{u} stays {en}: a unit's colour follows its companies (green only when all have resumed); `loupan company set` files a company's update",
        "{u} 仍为{zh}：有企业的单元颜色随企业而定（全部复工才显示已复工）；用 `loupan company set` 为企业备案"
    ));
}

pub fn set(ctx: &mut Ctx<'_>, a: &SetArgs) -> Res {
    // a value that is not one is the command line's fault (exit 2)
    let patch = patch_of(ctx, a).map_err(Fail::usage)?;
    let id = ctx.station.resolve(&a.building)?;
    let path = ctx.station.file_of(&id);
    let edit = UnitEdit {
        unit: a.unit.clone(),
        expect: None,
        change: Change::Patch(patch),
    };
    let saved = match ctx.station.apply_edits(&id, std::slice::from_ref(&edit)) {
        Ok(s) => s,
        Err(WriteError::Broken(ps)) => {
            for line in Located::lines(&load::located(&path, &ps), ctx.lang) {
                writeln!(ctx.err, "{line}")?;
            }
            let p = path.display();
            return Err(Fail::Exit(
                Exit::Unreadable,
                tr!(
                    "{p} has problems and was not changed; fix them (see `loupan check`) and try again",
                    "{p} 有错误，未作修改；请先改正（见 `loupan check`）再试"
                ),
            ));
        }
        Err(WriteError::NoSuchUnit(u)) => {
            let u = inline(&u);
            return Err(tr!(
                "there is no unit {u} in {id}; `loupan render {id}` shows its units",
                "{id} 里没有单元 {u}；`loupan render {id}` 可查看它的单元"
            )
            .into());
        }
        Err(e) => return Err(e.into()),
    };
    let Some(i) = saved.building.find(&a.unit) else {
        return Ok(0);
    };
    let r = &saved.building.units[i].record;
    let (lang, unit) = (ctx.lang, inline(&a.unit));
    let status = lang.status(r.status);
    let lw = if r.live_work {
        lang.pick(", live-work", "，企住一体")
    } else {
        ""
    };
    let verb = match (saved.written, lang) {
        (true, l) => l.pick("saved", "已保存"),
        (false, l) => l.pick("unchanged", "无变化"),
    };
    writeln!(ctx.out, "{id} {unit}: {status}{lw} ({verb})")?;
    follows_companies(ctx, &saved.building, &a.unit, a.status.as_deref());
    let made_vacant = saved.written
        && matches!(
            a.status.as_deref().map(Status::parse),
            Some(Some(Status::Vacant))
        );
    if let Some((en, zh)) = household_left(r).filter(|_| made_vacant) {
        let b = &id;
        ctx.say(&tr!(
            "note: {unit} is vacant but still lists its {en}; to clear them: `loupan set {b} {unit} --name \"\" --people \"\" --contact \"\"`",
            "提示：{unit} 已空置，但仍登记着原住户的{zh}；如需清除：`loupan set {b} {unit} --name \"\" --people \"\" --contact \"\"`"
        ));
    }
    Ok(0)
}

/// What a vacant unit still says about the household that left (name, people, contact), named
/// in English and in Chinese.
fn household_left(r: &loupan_core::model::Record) -> Option<(String, String)> {
    let left = r.left_behind();
    let names = |lang: Lang, sep: &str| {
        left.iter()
            .map(|f| f.spec().label(lang))
            .collect::<Vec<_>>()
            .join(sep)
    };
    (!left.is_empty()).then(|| (names(Lang::En, ", "), names(Lang::Zh, "、")))
}

pub fn new(ctx: &mut Ctx<'_>, given: &str, name: &str, floors: usize, units: usize) -> Res {
    let id = BuildingId::fresh(given)?;
    if !(1..=999).contains(&floors) || !(1..=99).contains(&units) {
        // a count out of its range is a usage error, as clap's own are
        ctx.say(&tr!(
            "loupan: --floors must be 1..999 and --units 1..99 (labels are <floor><two digits>)",
            "loupan：--floors 须为 1..999，--units 须为 1..99（门牌是<楼层><两位序号>）"
        ));
        return Ok(2);
    }
    if name.trim().is_empty() {
        return Err(tr!("--name must not be empty", "--name 不能为空").into());
    }
    let path = ctx.station.file_of(&id);
    if path.exists() {
        let p = path.display();
        return Err(tr!(
            "{p} already exists; edit it, or choose another id",
            "{p} 已经存在；请编辑它，或换一个编号"
        )
        .into());
    }
    let text = codec::new_building_text(name.trim(), floors, units);
    ctx.station.create(&id, &text)?;
    let (p, n) = (path.display(), inline(name.trim()));
    ctx.say(&tr!(
        "created {p} ({n}): {floors} floors × {units} units",
        "已新建 {p}（{n}）：{floors} 层 × 每层 {units} 户"
    ));
    Ok(0)
}

pub fn fmt(ctx: &mut Ctx<'_>, check_only: bool) -> Res {
    let ids = ctx.station.ids()?;
    let mut code = 0;
    for l in ctx.station.load_all(&ids) {
        if l.building.is_err() {
            for line in Located::lines(&l.problems(), ctx.lang) {
                writeln!(ctx.err, "{line}")?;
            }
            code = 1;
            continue;
        }
        let p = l.path.display().to_string();
        if check_only {
            // the file's own units (as `fmt` rewrites them), not the building joined with the
            // personal values kept apart: those never belong in the shared file
            let text = load::text_of(&l.path);
            let canonical = codec::parse(&l.id, text.as_bytes())
                .ok()
                .and_then(|b| codec::canonical_text(&text, &b).ok());
            if canonical.as_deref() != Some(text.as_str()) {
                let line = tr!(
                    "{p}: not in canonical form (run `loupan fmt`)",
                    "{p}：不是标准格式（请运行 `loupan fmt`）"
                );
                writeln!(ctx.out, "{}", line.get(ctx.lang))?;
                code = 1;
            }
        } else if ctx
            .station
            .rewrite(&l.id, |t, b| codec::canonical_text(t, b).ok())?
        {
            let line = tr!("formatted {p}", "已整理 {p}");
            writeln!(ctx.out, "{}", line.get(ctx.lang))?;
        }
    }
    Ok(code)
}
