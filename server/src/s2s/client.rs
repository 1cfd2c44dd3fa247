//! Outbound server-to-server HTTP: signed with the instance key, and guarded — every
//! address a host name resolves to is checked (no private or loopback targets unless
//! the admin allows them), redirects are not followed, and time and size are limited.

use federation::documents::{key_id, ACTIVITY_JSON, ACTOR_PATH, REVISIONS_PATH};
use federation::signature::{self, RequestParts};
use federation::{RevisionPage, Transport, TransportError};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use service::knowledge::Knowledge;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::net::TcpStream;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer read from a peer (a page of revisions fits well within).
pub const MAX_RESPONSE: usize = 16 * 1024 * 1024;

pub struct HttpTransport {
    knowledge: Arc<Knowledge>,
    tls: tokio_rustls::TlsConnector,
}

/// Whether an address is one a public peer can never have.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.octets()[0] == 0
                // 100.64.0.0/10, carrier-grade NAT
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
        }
    }
}

struct Target {
    https: bool,
    host: String,
    port: u16,
    /// Path and query as sent.
    path: String,
}

fn target(url: &str) -> Result<Target, TransportError> {
    let u =
        url::Url::parse(url).map_err(|e| TransportError::Invalid(format!("bad URL {url}: {e}")))?;
    let https = match u.scheme() {
        "https" => true,
        "http" => false,
        other => {
            return Err(TransportError::Invalid(format!(
                "unsupported scheme {other}"
            )))
        }
    };
    let host = u
        .host_str()
        .ok_or_else(|| TransportError::Invalid(format!("no host in {url}")))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = u
        .port_or_known_default()
        .unwrap_or(if https { 443 } else { 80 });
    let mut path = u.path().to_string();
    if let Some(q) = u.query() {
        path.push('?');
        path.push_str(q);
    }
    Ok(Target {
        https,
        host,
        port,
        path,
    })
}

impl HttpTransport {
    pub fn new(knowledge: Arc<Knowledge>) -> Self {
        let roots =
            rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map(|b| b.with_root_certificates(roots).with_no_client_auth());
        let config = match config {
            Ok(c) => c,
            // The ring provider supports the default versions; this is unreachable in practice.
            Err(_) => rustls::ClientConfig::builder()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth(),
        };
        Self {
            knowledge,
            tls: tokio_rustls::TlsConnector::from(Arc::new(config)),
        }
    }

    async fn connect(&self, t: &Target, allow_private: bool) -> Result<TcpStream, TransportError> {
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((t.host.as_str(), t.port))
            .await
            .map_err(|e| TransportError::Network(format!("cannot resolve {}: {e}", t.host)))?
            .collect();
        if addrs.is_empty() {
            return Err(TransportError::Network(format!(
                "{} has no address",
                t.host
            )));
        }
        // Every address must be allowed: otherwise DNS could point a public name inward.
        if !allow_private {
            if let Some(a) = addrs.iter().find(|a| is_private(a.ip())) {
                return Err(TransportError::PrivateAddress(format!(
                    "{} ({})",
                    t.host,
                    a.ip()
                )));
            }
        }
        let mut last = None;
        for a in addrs {
            match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(a)).await {
                Ok(Ok(s)) => return Ok(s),
                Ok(Err(e)) => last = Some(e.to_string()),
                Err(_) => last = Some("connection timed out".into()),
            }
        }
        Err(TransportError::Network(last.unwrap_or_default()))
    }

    /// Sends one signed request and reads the answer (status, body).
    async fn request(
        &self,
        method: &str,
        url: &str,
        body: Option<Vec<u8>>,
        accept: &str,
        allow_private: bool,
        limit: usize,
    ) -> Result<(u16, Bytes), TransportError> {
        let t = target(url)?;
        let host_header = match (t.https, t.port) {
            (true, 443) | (false, 80) => t.host.clone(),
            _ => format!("{}:{}", t.host, t.port),
        };
        let date = signature::http_date(SystemTime::now());
        let digest = body.as_deref().map(signature::digest);
        let parts = RequestParts {
            method,
            target: &t.path,
            host: &host_header,
            date: &date,
            digest: digest.as_deref(),
        };
        let actor = format!("{}{ACTOR_PATH}", self.knowledge.public_url());
        let sig = signature::sign(self.knowledge.key(), &key_id(&actor), &parts);
        let mut req = hyper::Request::builder()
            .method(method)
            .uri(&t.path)
            .header("host", &host_header)
            .header("date", &date)
            .header("accept", accept)
            .header("user-agent", federation::documents::software())
            .header("signature", sig);
        if let Some(d) = &digest {
            req = req
                .header("digest", d)
                .header("content-type", ACTIVITY_JSON);
        }
        let req = req
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| TransportError::Invalid(e.to_string()))?;
        let work = async {
            let tcp = self.connect(&t, allow_private).await?;
            let res = if t.https {
                let name = rustls::pki_types::ServerName::try_from(t.host.clone())
                    .map_err(|e| TransportError::Invalid(format!("bad host name: {e}")))?;
                let tls = self
                    .tls
                    .connect(name, tcp)
                    .await
                    .map_err(|e| TransportError::Network(format!("TLS: {e}")))?;
                send(TokioIo::new(tls), req).await?
            } else {
                send(TokioIo::new(tcp), req).await?
            };
            let status = res.status().as_u16();
            let body = Limited::new(res.into_body(), limit)
                .collect()
                .await
                .map_err(|e| {
                    if e.is::<http_body_util::LengthLimitError>() {
                        TransportError::TooLarge(limit)
                    } else {
                        TransportError::Network(e.to_string())
                    }
                })?
                .to_bytes();
            Ok((status, body))
        };
        tokio::time::timeout(REQUEST_TIMEOUT, work)
            .await
            .map_err(|_| TransportError::Timeout)?
    }

    async fn json(
        &self,
        method: &str,
        url: &str,
        body: Option<Vec<u8>>,
        allow_private: bool,
    ) -> Result<Value, TransportError> {
        let (status, bytes) = self
            .request(
                method,
                url,
                body,
                &format!("{ACTIVITY_JSON}, application/json"),
                allow_private,
                MAX_RESPONSE,
            )
            .await?;
        if !(200..300).contains(&status) {
            return Err(status_error(status, &bytes));
        }
        if bytes.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&bytes)
            .map_err(|e| TransportError::Invalid(format!("not JSON: {e}")))
    }
}

fn status_error(status: u16, body: &[u8]) -> TransportError {
    let message = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(String::from))
        .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned());
    TransportError::Status { status, message }
}

async fn send<I>(
    io: I,
    req: hyper::Request<Full<Bytes>>,
) -> Result<hyper::Response<hyper::body::Incoming>, TransportError>
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| TransportError::Network(e.to_string()))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    sender
        .send_request(req)
        .await
        .map_err(|e| TransportError::Network(e.to_string()))
}

#[async_trait::async_trait]
impl Transport for HttpTransport {
    async fn fetch_actor(&self, url: &str, allow_private: bool) -> Result<Value, TransportError> {
        let url = if url.ends_with(ACTOR_PATH) {
            url.to_string()
        } else {
            format!("{}{ACTOR_PATH}", url.trim_end_matches('/'))
        };
        self.json("GET", &url, None, allow_private).await
    }

    async fn deliver(
        &self,
        inbox_url: &str,
        activity: &Value,
        allow_private: bool,
    ) -> Result<(), TransportError> {
        self.json(
            "POST",
            inbox_url,
            Some(activity.to_string().into_bytes()),
            allow_private,
        )
        .await
        .map(|_| ())
    }

    async fn pull(
        &self,
        peer_url: &str,
        since: i64,
        limit: i64,
        allow_private: bool,
    ) -> Result<RevisionPage, TransportError> {
        let url = format!("{peer_url}{REVISIONS_PATH}?since={since}&limit={limit}");
        let v = self.json("GET", &url, None, allow_private).await?;
        serde_json::from_value(v)
            .map_err(|e| TransportError::Invalid(format!("revision page: {e}")))
    }

    async fn fetch_media(
        &self,
        base_url: &str,
        hash: &str,
        max_bytes: usize,
        allow_private: bool,
    ) -> Result<Vec<u8>, TransportError> {
        let url = format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            domain::media::media_path(hash, domain::media::ORIGINAL)
        );
        let (status, bytes) = self
            .request("GET", &url, None, "*/*", allow_private, max_bytes)
            .await?;
        if !(200..300).contains(&status) {
            return Err(status_error(status, &bytes));
        }
        Ok(bytes.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_loopback_addresses_are_recognized() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.5",
            "169.254.1.1",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            let ip: IpAddr = a.parse().unwrap_or_else(|e| panic!("{a}: {e}"));
            assert!(is_private(ip), "{a}");
        }
        for a in ["93.184.216.34", "2606:4700::1111", "1.1.1.1"] {
            let ip: IpAddr = a.parse().unwrap_or_else(|e| panic!("{a}: {e}"));
            assert!(!is_private(ip), "{a}");
        }
    }
}
