//! PDFs made for the tests, byte by byte: text pages (one or two columns),
//! a page with no text layer, and the hostile shapes a reader must
//! survive (encrypted, truncated, deeply nested, empty).

/// A line of text at (x, y) points from the bottom left of a Letter page.
pub type Line = (f32, f32, String);

/// One page: its lines, and whether it also draws a filled box (a page of
/// graphics only has no lines).
#[derive(Clone, Default)]
pub struct Page {
    pub lines: Vec<Line>,
}

impl Page {
    /// A page of one column: `text`'s lines from the top down.
    pub fn column(text: &str) -> Page {
        Page {
            lines: text
                .lines()
                .enumerate()
                .map(|(i, l)| (72.0, 720.0 - 14.0 * i as f32, l.to_owned()))
                .collect(),
        }
    }

    /// A page of two columns side by side.
    pub fn two_columns(left: &str, right: &str) -> Page {
        let mut page = Page::column(left);
        page.lines.extend(
            right
                .lines()
                .enumerate()
                .map(|(i, l)| (320.0, 720.0 - 14.0 * i as f32, l.to_owned())),
        );
        page
    }

    /// A page with a drawing and no text: what a scan looks like to a reader.
    pub fn graphics_only() -> Page {
        Page::default()
    }
}

/// A PDF of `pages`, with an `/Encrypt` entry in its trailer when `encrypt`.
pub fn pdf(pages: &[Page]) -> Vec<u8> {
    build(pages, None)
}

/// The same PDF, encrypted with a user password the reader does not have.
pub fn encrypted(pages: &[Page]) -> Vec<u8> {
    let dict = "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 \
                /O <2F0A5A0A6C2D1B4C1E5F2A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F> \
                /U <7E1F0D3A2B9C8D7E6F5A4B3C2D1E0F1A2B3C4D5E6F708192A3B4C5D6E7F8091> >>";
    build(pages, Some(dict))
}

/// A PDF whose catalog sits under a tower of nested arrays.
pub fn deeply_nested(depth: usize) -> Vec<u8> {
    let mut tower = "[".repeat(depth);
    tower.push_str(&"]".repeat(depth));
    let objects = vec![
        format!("<< /Type /Catalog /Pages 2 0 R /Deep {tower} >>"),
        "<< /Type /Pages /Kids [] /Count 0 >>".to_owned(),
    ];
    assemble(&objects, None)
}

/// A one-page PDF that is only a picture: an 8-bit grey image of
/// `width` × `height` pixels, as a scanner makes (no text layer).
pub fn image_only(width: usize, height: usize, gray: &[u8]) -> Vec<u8> {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
          /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        [
            format!(
                "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} \
                 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>\nstream\n",
                gray.len()
            )
            .as_bytes(),
            gray,
            b"\nendstream",
        ]
        .concat(),
        {
            let draw = "q 612 0 0 792 0 0 cm /Im1 Do Q\n";
            format!("<< /Length {} >>\nstream\n{draw}endstream", draw.len()).into_bytes()
        },
    ];
    assemble_bytes(&objects, None)
}

/// The pixels of a binary PGM (P5) image: width, height, grey bytes.
pub fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "a binary PGM");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = bytes[at + 1..at + 1 + width * height].to_vec();
    (width, height, pixels)
}

fn build(pages: &[Page], encrypt: Option<&str>) -> Vec<u8> {
    // 1 catalog, 2 page tree, 3 font, then a page and its content for each.
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    for (i, page) in pages.iter().enumerate() {
        let content = 5 + 2 * i;
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>"
        ));
        let mut stream = String::new();
        if page.lines.is_empty() {
            stream.push_str("0.5 g 72 300 468 400 re f\n");
        }
        for (x, y, text) in &page.lines {
            stream.push_str(&format!(
                "BT /F1 11 Tf {x} {y} Td ({}) Tj ET\n",
                escape(text)
            ));
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    assemble(&objects, encrypt)
}

/// Objects numbered from 1, a cross-reference table and a trailer.
fn assemble(objects: &[String], encrypt: Option<&str>) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = objects.iter().map(|o| o.clone().into_bytes()).collect();
    assemble_bytes(&objects, encrypt)
}

fn assemble_bytes(objects: &[Vec<u8>], encrypt: Option<&str>) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let encrypt = encrypt.map_or(String::new(), |d| {
        format!(" /Encrypt {d} /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]")
    });
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Text as a PDF literal string: Latin-1 for WinAnsi, with `\`, `(` and
/// `)` escaped.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x80 => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\{:03o}", c as u32)),
            _ => out.push('?'),
        }
    }
    out
}
