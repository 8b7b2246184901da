package export

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// A Word document (WordprocessingML, ECMA-376 Part 1) is a zip of XML parts.
// The paper needs only headings, paragraphs and tables, so docxWriter writes
// those parts itself, straight into the zip as the paper is made: nothing is
// held but the zip's directory, whatever the plan's size. (The libraries
// with a permissive licence build the whole document in memory first; see
// the README.)

// Page geometry in twentieths of a point (twips): A4 landscape, 2 cm margins.
const (
	a4Long   = 16838 // 297 mm
	a4Short  = 11906 // 210 mm
	docxEdge = 1134  // 2 cm
	docxText = a4Long - 2*docxEdge
)

// docxWriter writes a document body as it goes and keeps the first error.
type docxWriter struct {
	zw    *zip.Writer
	bw    *bufio.Writer
	stamp time.Time
	err   error
}

// newDOCX starts a document: the parts that say what the package holds, the
// styles, the properties, and the opening of the body.
func newDOCX(w io.Writer, title string, stamp time.Time) *docxWriter {
	d := &docxWriter{zw: zip.NewWriter(w), stamp: stamp.UTC()}
	d.part("[Content_Types].xml", docxContentTypes)
	d.part("_rels/.rels", docxRootRels)
	d.part("word/_rels/document.xml.rels", docxDocRels)
	d.part("word/styles.xml", docxStyles)
	d.part("word/settings.xml", docxSettings)
	d.part("docProps/core.xml", fmt.Sprintf(docxCore, xmlText(title), d.stamp.Format(time.RFC3339), d.stamp.Format(time.RFC3339)))
	d.part("docProps/app.xml", docxApp)
	if d.err != nil {
		return d
	}
	fw, err := d.create("word/document.xml")
	if err != nil {
		d.err = err
		return d
	}
	d.bw = bufio.NewWriterSize(fw, 64<<10)
	d.raw(xml.Header + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	return d
}

func (d *docxWriter) create(name string) (io.Writer, error) {
	return d.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: d.stamp})
}

func (d *docxWriter) part(name, body string) {
	if d.err != nil {
		return
	}
	w, err := d.create(name)
	if err == nil {
		_, err = io.WriteString(w, body)
	}
	d.err = err
}

func (d *docxWriter) raw(s string) {
	if d.err == nil && d.bw != nil {
		_, d.err = d.bw.WriteString(s)
	}
}

// close ends the body with the page set-up (A4 landscape) and the package.
func (d *docxWriter) close() error {
	d.raw(fmt.Sprintf(`<w:sectPr><w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`,
		a4Long, a4Short, docxEdge, docxEdge, docxEdge, docxEdge))
	if d.err == nil && d.bw != nil {
		d.err = d.bw.Flush()
	}
	if err := d.zw.Close(); d.err == nil {
		d.err = err
	}
	return d.err
}

// run is a stretch of text, bold or not.
type run struct {
	text string
	bold bool
}

func plain(s string) []run { return []run{{text: s}} }

// xmlText escapes text for an element's content; xml.EscapeText also turns
// characters XML cannot carry into U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(oneLine(s)))
	return b.String()
}

func (d *docxWriter) runs(rs []run) {
	for _, r := range rs {
		if r.text == "" {
			continue
		}
		b := ""
		if r.bold {
			b = `<w:rPr><w:b/></w:rPr>`
		}
		d.raw(`<w:r>` + b + `<w:t xml:space="preserve">` + xmlText(r.text) + `</w:t></w:r>`)
	}
}

// para writes a paragraph in a style ("" for Normal).
func (d *docxWriter) para(style string, rs ...run) {
	d.raw(`<w:p>`)
	if style != "" {
		d.raw(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	d.runs(rs)
	d.raw(`</w:p>`)
}

// heading writes a Heading 1 or 2 paragraph, which Word's navigation pane
// lists; level 0 is the Title.
func (d *docxWriter) heading(level int, text string) {
	style := "Title"
	if level > 0 {
		style = fmt.Sprintf("Heading%d", level)
	}
	d.para(style, plain(text)...)
}

// table starts a table across the page with columns in the proportions
// weights and writes its header row, which Word and LibreOffice repeat at
// the top of every page the table runs onto.
func (d *docxWriter) table(header []string, weights []int) {
	total := 0
	for _, w := range weights {
		total += w
	}
	d.raw(`<w:tbl><w:tblPr><w:tblStyle w:val="RotaTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range weights {
		d.raw(fmt.Sprintf(`<w:gridCol w:w="%d"/>`, docxText*w/total))
	}
	d.raw(`</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for _, h := range header {
		d.raw(`<w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E1F2"/></w:tcPr><w:p><w:pPr><w:keepNext/></w:pPr>`)
		d.runs([]run{{text: h, bold: true}})
		d.raw(`</w:p></w:tc>`)
	}
	d.raw(`</w:tr>`)
}

// row writes a table row; each cell is a list of lines, one paragraph each,
// so a list of duties reads one per line. fill shades the row ("" for none).
func (d *docxWriter) row(fill string, cells ...[][]run) {
	d.raw(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	for _, c := range cells {
		d.raw(`<w:tc>`)
		if fill != "" {
			d.raw(`<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/></w:tcPr>`)
		}
		if len(c) == 0 {
			d.raw(`<w:p/>`) // a cell must hold a paragraph
		}
		for _, line := range c {
			d.para("", line...)
		}
		d.raw(`</w:tc>`)
	}
	d.raw(`</w:tr>`)
}

func (d *docxWriter) endTable() {
	d.raw(`</w:tbl>`)
	d.para("") // Word needs a paragraph between two tables, or it joins them
}

// lines is one cell of single-run lines.
func lines(ss ...string) [][]run {
	out := make([][]run, len(ss))
	for i, s := range ss {
		out[i] = plain(s)
	}
	return out
}

const docxContentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const docxRootRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const docxDocRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`</Relationships>`

const docxSettings = xml.Header + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

const docxCore = xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
	`<dc:title>%s</dc:title><dc:creator>rota</dc:creator>` +
	`<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`

const docxApp = xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>rota</Application></Properties>`

// docxStyles defines the styles the paper uses under the names Word gives
// its built-in ones, so Heading 1 and 2 are Word's headings (outline levels
// 1 and 2, listed in the navigation pane) and a PA restyling the document
// restyles these.
const docxStyles = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="2F5496"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="RotaTable"><w:name w:val="Rota Table"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>` +
	`<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>` +
	`</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`
