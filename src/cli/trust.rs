//! Who wrote a report, from the command line: a station's key (`station key`, `station add
//! --key`), a laptop made to sign (`station join --signing-key`), and the shared remote's guard
//! (`remote-hook install|check|receipt`).

use super::{Ctx, Res};
use loupan_core::display::inline;
use loupan_core::exit::Exit;
use loupan_core::tr;
use loupan_store::street as disk;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct RemoteHookArgs {
    #[command(subcommand)]
    pub cmd: RemoteHookCmd,
}

#[derive(clap::Subcommand, Debug)]
pub enum RemoteHookCmd {
    Install { repo: PathBuf },
    Check,
    Receipt,
}

/// `station key ID PUBKEY`: the station's reports count only when this key signed them.
pub fn key(ctx: &mut Ctx<'_>, id: &str, key: &str) -> Res {
    let (root, _) = disk::open(Path::new("."))?;
    disk::set_key(&root, id, &loupan_store::proof::key_text(key)?)?;
    let id = inline(id);
    ctx.say(&tr!(
        "station {id}'s key is in street.toml: from now on its reports count only when a commit signed by that key last changed them (`loupan sync` sends the change; its laptop runs `loupan station join {id} --signing-key ~/.ssh/id_ed25519`)",
        "工作站 {id} 的公钥已写入 street.toml：此后只有用该密钥签名的提交所写的报告才计入（`loupan sync` 发送此修改；该站的电脑运行 `loupan station join {id} --signing-key ~/.ssh/id_ed25519`）"
    ));
    Ok(0)
}

/// `station add ID NAME --key PUBKEY`'s key, once the station is added.
pub fn add_key(root: &Path, id: &str, key: Option<&str>) -> Res {
    if let Some(k) = key {
        disk::set_key(root, id, &loupan_store::proof::key_text(k)?)?;
    }
    Ok(0)
}

/// `station join ID --signing-key PATH`: this clone signs its commits with the station's key
/// (git's own SSH signing), after checking it is the key street.toml lists for the station.
pub fn join(ctx: &mut Ctx<'_>, id: &str, signing_key: &Path) -> Res {
    let (root, st) = disk::open(Path::new("."))?;
    disk::station_dir(&root, id)?;
    let key = loupan_store::proof::full_path(signing_key);
    let public = loupan_store::proof::public_key_of(&key)?;
    let id_shown = inline(id).into_owned();
    match st.keys.get(id) {
        Some(listed) if same_key(listed, &public) => {}
        Some(_) => {
            return Err(super::Fail::Exit(
                Exit::Refused,
                tr!(
                    "that is not station {id_shown}'s key: street.toml lists another one; ask the street office (`loupan station key {id_shown} PUBKEY`)",
                    "这不是工作站 {id_shown} 的密钥：street.toml 里登记的是另一把；请联系街道办（`loupan station key {id_shown} 公钥`）"
                ),
            ));
        }
        None => {
            let p = inline(&public).into_owned();
            ctx.say(&tr!(
                "street.toml lists no key for station {id_shown} yet: until the street office runs `loupan station key {id_shown} '{p}'`, its reports count unsigned",
                "street.toml 还没有登记工作站 {id_shown} 的公钥：在街道办运行 `loupan station key {id_shown} '{p}'` 之前，报告按未签名计入"
            ));
        }
    }
    loupan_store::proof::sign_with(&root, &key)?;
    let k = inline(&key.display().to_string()).into_owned();
    ctx.say(&tr!(
        "this clone signs its commits with {k} (git: gpg.format=ssh, user.signingkey, commit.gpgsign): station {id_shown}'s reports sent from here are verified",
        "本克隆此后用 {k} 为提交签名（git：gpg.format=ssh、user.signingkey、commit.gpgsign）：从这里上报的工作站 {id_shown} 报告可通过验证"
    ));
    Ok(0)
}

/// Two public keys' lines are the same key when their type and body are (comments aside).
fn same_key(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .take(2)
        .eq(b.split_whitespace().take(2))
}

pub fn remote_hook(ctx: &mut Ctx<'_>, a: &RemoteHookArgs) -> Res {
    match &a.cmd {
        RemoteHookCmd::Install { repo } => install(ctx, repo),
        RemoteHookCmd::Check => {
            let ups = loupan_store::remote_hook::updates(&stdin()?);
            let why = loupan_store::remote_hook::check(Path::new("."), &ups);
            for w in &why {
                // both languages: whoever pushed reads git's relay of these lines
                writeln!(ctx.err, "loupan: {} / {}", w.zh, w.en)?;
            }
            if why.is_empty() {
                return Ok(0);
            }
            writeln!(
                ctx.err,
                "loupan: 共享远端拒绝了这次推送，你的提交仍在本机 / the street's remote refused this push; your commits stay on your laptop"
            )?;
            Ok(Exit::Refused.code())
        }
        RemoteHookCmd::Receipt => {
            let ups = loupan_store::remote_hook::updates(&stdin()?);
            loupan_store::remote_hook::receipt(Path::new("."), &ups);
            Ok(0)
        }
    }
}

/// The ref updates git gives a hook (a few lines; bounded all the same).
fn stdin() -> Result<String, super::Fail> {
    let mut s = String::new();
    std::io::stdin()
        .take(1 << 20)
        .read_to_string(&mut s)
        .map_err(|e| loupan_store::errors::io_text(&e))?;
    Ok(s)
}

fn install(ctx: &mut Ctx<'_>, repo: &Path) -> Res {
    let exe = std::env::current_exe()
        .map(|e| loupan_store::proof::full_path(&e))
        .unwrap_or_else(|_| PathBuf::from("loupan"));
    let written = loupan_store::remote_hook::install(repo, &exe)?;
    for w in written {
        let w = inline(&w.display().to_string()).into_owned();
        ctx.say(&tr!("wrote {w}", "已写入 {w}"));
    }
    let e = inline(&exe.display().to_string()).into_owned();
    ctx.say(&tr!(
        "the street's remote now refuses pushes that leave a loupan file unreadable or add files that are not loupan's data, and records when each report arrives; the hooks run {e} (keep it there, or install again)",
        "街道共享远端此后会拒绝使 loupan 文件无法读取或加入非 loupan 数据的推送，并记录每份报告的到达时间；钩子运行 {e}（请保留该程序，或移动后重新安装）"
    ));
    Ok(0)
}

/// What the history says beyond the file: signed or not by the station's key, and the time the
/// file claims when another is known.
pub(crate) fn proof_said(
    s: &loupan_core::street::Submission,
    lang: loupan_core::i18n::Lang,
) -> String {
    let mut out = String::new();
    match s.proof.verified {
        Some(true) => out.push_str(lang.pick("  signed", "  已验证签名")),
        Some(false) => out.push_str(lang.pick(
            "  not signed by the station's key: not counted",
            "  不是本站密钥签名：不计入",
        )),
        None => {}
    }
    if let Some(c) = s.proof.claimed.as_ref().filter(|c| **c != s.at) {
        let c = inline(c);
        out.push_str(&match lang {
            loupan_core::i18n::Lang::Zh => format!("  （文件自称 {c}）"),
            loupan_core::i18n::Lang::En => format!("  (the file claims {c})"),
        });
    }
    out
}

/// `loupan private-remote URL`: the private store's own remote — the station's server, never
/// the street's.
pub fn private_remote(ctx: &mut Ctx<'_>, url: &str) -> Res {
    if let Ok(root) = loupan_store::sync::toplevel(ctx.station.dir())
        && loupan_store::sync::remote_urls(&root)
            .iter()
            .any(|u| u == url)
    {
        return Err(tr!(
            "that is the shared repository's remote: personal values never go there; give the station's own server",
            "这是共享仓库的远端：个人信息绝不能发到那里；请填写工作站自己的服务器"
        )
        .into());
    }
    loupan_store::private::sync::set_remote(ctx.station.dir(), url)?;
    ctx.say(&tr!(
        "the private store syncs with {url} at every `loupan sync`",
        "每次 `loupan sync` 时私密存储都会与 {url} 同步"
    ));
    Ok(0)
}
