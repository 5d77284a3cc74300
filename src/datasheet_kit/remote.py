"""The only module that talks to the network: cards fetched from the Hugging Face Hub and Kaggle.

    hf:OWNER/NAME       README.md through huggingface_hub (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE
                        apply as usual), plus the dataset's info from the Hub API
    kaggle:OWNER/SLUG   the dataset's metadata from the Kaggle API (GetDatasetMetadata), through
                        our own HTTP client (web.Client, which resolve.py uses too)

The Kaggle client is ours because the `kaggle` package authenticates and prints help to stdout
when imported, and offers no way to point it at another server; the wire format is a JSON POST.
KAGGLE_API_TOKEN (a bearer token) or KAGGLE_USERNAME + KAGGLE_KEY authenticate it, else the
files Kaggle users already have: `access_token` or `kaggle.json` in KAGGLE_CONFIG_DIR (default
~/.kaggle). DATASHEET_KAGGLE_API sets its base URL (default https://api.kaggle.com).

Every failure becomes a RemoteError with a one-line message; commands print it and exit 2.
DATASHEET_OFFLINE=1 (or HF_HUB_OFFLINE=1 for the Hub) refuses the network outright.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
from pathlib import Path

from .findings import UsageError
from .sheet import Origin, Sheet
from .web import Client, offline

TIMEOUT = 20.0
KAGGLE_API = "https://api.kaggle.com"
KAGGLE_METHOD = "/v1/datasets.DatasetApiService/GetDatasetMetadata"
_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
PREFIXES = ("hf:", "kaggle:")


class RemoteError(UsageError):
    """A fetch that failed, said in one line."""


def is_remote(target: str) -> bool:
    return target.startswith(PREFIXES)


def fetch(target: str, timeout: float = TIMEOUT) -> Sheet:
    """The card behind `hf:OWNER/NAME` or `kaggle:OWNER/SLUG`, read into a Sheet."""
    platform, _, name = target.partition(":")
    if not _NAME.match(name):
        raise RemoteError(f"{target}: expected {platform}:OWNER/NAME")
    if platform == "hf":
        return _hub(name, timeout)
    if platform == "kaggle":
        return _kaggle(name, timeout)
    raise RemoteError(f"{target}: unknown platform {platform!r} (use hf: or kaggle:)")


# ------------------------------------------------------------------------------------------ Hub

def _hub(repo_id: str, timeout: float) -> Sheet:
    target = f"hf:{repo_id}"
    if offline("DATASHEET_OFFLINE", "HF_HUB_OFFLINE"):
        raise RemoteError(f"{target}: offline mode is on (HF_HUB_OFFLINE / DATASHEET_OFFLINE); "
                          "cannot fetch the card")
    try:
        import huggingface_hub
    except ImportError:
        raise RemoteError("hf: targets need huggingface_hub: pip install 'datasheet-kit[hf]'") \
            from None
    from huggingface_hub import utils as hub_utils

    from .readers import hf

    # One GET each, with our timeout. hf_hub_download would retry an unreachable Hub with
    # back-off for about half a minute before giving up, which is not what a lint run wants.
    try:
        info = huggingface_hub.HfApi().dataset_info(repo_id, timeout=timeout)
        url = huggingface_hub.hf_hub_url(repo_id, "README.md", repo_type="dataset")
        response = hub_utils.get_session().get(url, headers=hub_utils.build_hf_headers(),
                                               timeout=timeout, follow_redirects=True)
        hub_utils.hf_raise_for_status(response)
    except Exception as exc:  # the Hub client raises many kinds; each becomes one line
        raise RemoteError(f"{target}: {_hub_reason(exc)}") from None
    sheet = hf.read(response.content, f"{target}/README.md")
    endpoint = huggingface_hub.constants.ENDPOINT
    _platform_facts(sheet, "huggingface", f"{endpoint}/datasets/{info.id or repo_id}",
                    f"{target} (Hub API)")
    return sheet


def _hub_reason(exc: Exception) -> str:
    # The client wraps network failures (a timeout becomes "not cached"): look at the causes.
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for cause in chain:
        cause_name = type(cause).__name__
        if "Timeout" in cause_name or isinstance(cause, (TimeoutError, socket.timeout)):
            return "the Hub did not answer in time"
        if "ConnectError" in cause_name or isinstance(cause, ConnectionError):
            return "cannot connect to the Hub"
    name = type(exc).__name__
    reasons = {
        "RepositoryNotFoundError": "no such dataset on the Hub (or it is private)",
        "GatedRepoError": "the dataset is gated: accept its terms and set HF_TOKEN",
        "EntryNotFoundError": "the dataset has no README.md",
        "RemoteEntryNotFoundError": "the dataset has no README.md",
        "RevisionNotFoundError": "no such revision",
        "OfflineModeIsEnabled": "offline mode is on (HF_HUB_OFFLINE)",
        "LocalEntryNotFoundError": "the Hub cannot be reached and the card is not cached",
    }
    if name in reasons:
        return reasons[name]
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else name
    return first[:200]


# --------------------------------------------------------------------------------------- Kaggle

def _kaggle(ref: str, timeout: float) -> Sheet:
    target = f"kaggle:{ref}"
    client = Client(timeout)
    if client.offline:
        raise RemoteError(f"{target}: offline mode is on (DATASHEET_OFFLINE); cannot fetch")
    from .readers import kaggle

    owner, slug = ref.split("/", 1)
    base = os.environ.get("DATASHEET_KAGGLE_API", KAGGLE_API).rstrip("/")
    body = json.dumps({"ownerSlug": owner, "datasetSlug": slug}).encode()
    answer = client.send(base + KAGGLE_METHOD, "POST", body, read=8 * 1024 * 1024,
                         headers={"Content-Type": "application/json",
                                  "Accept": "application/json", **_kaggle_auth()})
    if answer.outcome == "http_error" and answer.status is not None:
        raise RemoteError(f"{target}: {_http_reason(answer.status)}")
    if answer.outcome == "timeout":
        raise RemoteError(f"{target}: Kaggle did not answer within {timeout:g} s")
    if answer.outcome != "answered":
        raise RemoteError(f"{target}: cannot connect to {base} ({answer.cause})")
    sheet = kaggle.read(answer.body.decode("utf-8", "replace"), f"{target}/dataset-metadata.json")
    if sheet.fatal:
        raise RemoteError(f"{target}: Kaggle sent something that is not dataset metadata")
    _platform_facts(sheet, "kaggle", None, f"{target} (Kaggle API)")
    return sheet


def _kaggle_auth() -> dict[str, str]:
    """The credentials Kaggle's own client would use, in its order: the environment
    (KAGGLE_API_TOKEN, a token or the path of a file holding one; KAGGLE_USERNAME with
    KAGGLE_KEY), then the files of the configuration folder (KAGGLE_CONFIG_DIR, else
    ~/.kaggle): `access_token`, then `kaggle.json` ({"username": ..., "key": ...})."""
    token = os.environ.get("KAGGLE_API_TOKEN", "").strip()
    if token and os.path.isfile(token):
        token = _read_credentials(Path(token)).strip()
    if token:
        return _bearer(token)
    user, key = os.environ.get("KAGGLE_USERNAME"), os.environ.get("KAGGLE_KEY")
    if user and key:
        return _basic(user, key)
    folder = Path(os.environ.get("KAGGLE_CONFIG_DIR") or Path.home() / ".kaggle")
    if (folder / "access_token").is_file():
        token = _read_credentials(folder / "access_token").strip()
        if token:
            return _bearer(token)
    if (folder / "kaggle.json").is_file():
        path = folder / "kaggle.json"
        try:
            found = json.loads(_read_credentials(path))
        except json.JSONDecodeError as exc:
            raise RemoteError(f"{path}: not JSON ({exc.msg}, line {exc.lineno}); Kaggle writes "
                              '{"username": "...", "key": "..."}') from None
        if not (isinstance(found, dict) and isinstance(found.get("username"), str)
                and isinstance(found.get("key"), str)):
            raise RemoteError(f'{path}: expected {{"username": "...", "key": "..."}}')
        return _basic(found["username"], found["key"])
    return {}


def _read_credentials(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RemoteError(f"cannot read the Kaggle credentials in {path}: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _basic(user: str, key: str) -> dict[str, str]:
    pair = base64.b64encode(f"{user}:{key}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def _http_reason(code: int) -> str:
    return {
        401: "Kaggle refused the credentials (KAGGLE_API_TOKEN, KAGGLE_USERNAME/KAGGLE_KEY, or "
             "kaggle.json in KAGGLE_CONFIG_DIR or ~/.kaggle)",
        403: "Kaggle refused access to this dataset",
        404: "no such dataset on Kaggle",
        429: "Kaggle is rate-limiting requests; try again later",
    }.get(code, f"Kaggle answered HTTP {code}")


def _platform_facts(sheet: Sheet, platform: str, landing_page: str | None, source: str) -> None:
    """What fetching itself tells us: where the dataset is hosted and its page."""
    origin = Origin(source, 1, 1, "platform")
    dataset = sheet.data.setdefault("dataset", {})
    dataset["hosting_platform"] = platform
    sheet.origins["dataset.hosting_platform"] = origin
    if landing_page and not dataset.get("landing_page"):
        dataset["landing_page"] = landing_page
        sheet.origins["dataset.landing_page"] = origin
