//! Upload processing of 12-megapixel JPEGs on one core: uploads and thumbnails per second,
//! and how far one upload raises the peak resident memory.
//! Run: `cargo bench -p media` (scripts/bench-media.sh also measures serving).

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use media::{process_upload, ProcessLimits};
use std::io::Cursor;
use std::time::Instant;

/// The process's peak resident memory so far (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .unwrap_or(0)
        * 1024
}

/// In a fresh process (so the test photo's making does not count): reads the file,
/// processes it once and prints how far the peak resident memory rose.
fn measure_one(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let jpeg = std::fs::read(path)?;
    let before = peak_rss();
    let done = process_upload(&jpeg, "photo.jpg", &ProcessLimits::default())?;
    let after = peak_rss();
    println!(
        "one upload: peak RSS rose {:.1} MB (from {:.1} MB); original {} bytes, variants {:?}",
        (after - before) as f64 / 1e6,
        before as f64 / 1e6,
        done.original.bytes.len(),
        done.variants
            .iter()
            .map(|v| (v.width, v.bytes.len()))
            .collect::<Vec<_>>()
    );
    Ok(())
}

/// A photo-like 4000 × 3000 image: smooth gradients with fine noise, so the JPEG is
/// about as large as a phone's (a flat image would compress to nothing).
fn photo() -> Result<Vec<u8>, image::ImageError> {
    let mut seed = 0x2545_f491_u32;
    let img = RgbImage::from_fn(4000, 3000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed & 31) as u8;
        Rgb([
            ((x / 16) as u8).wrapping_add(n),
            ((y / 12) as u8).wrapping_add(n / 2),
            (((x + y) / 28) as u8).wrapping_add(n),
        ])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img).write_to(&mut out, ImageFormat::Jpeg)?;
    Ok(out.into_inner())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(path) = args
        .iter()
        .position(|a| a == "--one")
        .and_then(|p| args.get(p + 1))
    {
        return measure_one(path);
    }
    let runs: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(5);
    let jpeg = photo()?;
    println!("input: 4000 × 3000 JPEG, {} bytes", jpeg.len());
    let path = std::env::temp_dir().join("thingdata-bench-12mp.jpg");
    std::fs::write(&path, &jpeg)?;
    let out = std::process::Command::new(std::env::current_exe()?)
        .arg("--one")
        .arg(&path)
        .output()?;
    print!("{}", String::from_utf8_lossy(&out.stdout));
    let limits = ProcessLimits::default();
    let started = Instant::now();
    let mut variants = 0;
    for _ in 0..runs {
        variants += process_upload(&jpeg, "photo.jpg", &limits)?.variants.len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{runs} uploads on one core in {secs:.2} s: {:.2} uploads/s, {:.2} thumbnails/s, {:.0} ms per upload",
        runs as f64 / secs,
        variants as f64 / secs,
        secs * 1000.0 / runs as f64
    );
    Ok(())
}
